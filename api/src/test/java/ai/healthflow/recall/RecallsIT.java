package ai.healthflow.recall;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class RecallsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final AtomicInteger NUMBER = new AtomicInteger(300);
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    String newMedicine() {
        int n = NUMBER.incrementAndGet();
        Http.Response created = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-R%d","tradeNameEn":"Recallin %d","tradeNameAr":"ريكالين %d",
                 "genericNameEn":"amoxicillin","genericNameAr":"أموكسيسيلين","strength":"500 mg",
                 "dosageForm":"capsule","route":"oral","atcCode":"J01CA04","manufacturer":"Pharco","priceEgp":20}
                """.formatted(n, n, n));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("data").path("id").asText();
    }

    static String recall(String medicineId, String batches) {
        return """
                {"medicineId":"%s",%s,"class":"I","level":"retail",
                 "reasonEn":"Particulate matter found in capsules","reasonAr":"وجود جسيمات غريبة في الكبسولات",
                 "instructionsEn":"Quarantine stock and return it to the distributor",
                 "instructionsAr":"اعزل المخزون وأعده إلى الموزع","startDate":"2026-11-20"}
                """.formatted(medicineId, batches);
    }

    JsonNode create(String medicineId, String batches) {
        Http.Response created = http.postAs(officer, "/api/v2/recalls", recall(medicineId, batches));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("data");
    }

    Http.Response step(String token, String id, String action, String body) {
        return http.postAs(token, "/api/v2/recalls/" + id + "/" + action, body);
    }

    /** Activation answers before the fan-out; this waits for the background work. */
    JsonNode fannedOut(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode recall = http.getAs(officer, "/api/v2/recalls/" + id).json().path("data");
            if (recall.path("progress").path("fanOut").asText().equals("done")) {
                return recall;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fan-out did not finish in 10 s");
    }

    @Test
    void aDraftIsActivatedFannedOutAcknowledgedAndCompleted() throws Exception {
        String medicineId = newMedicine();
        JsonNode draft = create(medicineId, "\"batchNumbers\":[\"L2301\",\"l2302\"]");
        String id = draft.path("id").asText();
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("class").asText()).isEqualTo("I");
        assertThat(draft.path("batchNumbers")).extracting(JsonNode::asText).containsExactly("L2301", "L2302");
        assertThat(draft.path("history").get(0).path("byEmail").asText()).isEqualTo(Demo.OFFICER.email);
        assertThat(draft.path("progress").path("fanOut").asText()).isEqualTo("none");

        Http.Response activated = step(officer, id, "activate", "{\"comment\":\"Confirmed by the lab\"}");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.json().path("data").path("status").asText()).isEqualTo("active");

        JsonNode active = fannedOut(id);
        long expectedTenants = APP.count("SELECT count(*) FROM tenants WHERE status = 'active' AND type IN ('pharmacy', 'pharmacy_chain', 'hospital')");
        assertThat(active.path("progress").path("tenants").asLong()).isEqualTo(expectedTenants).isGreaterThanOrEqualTo(3);
        assertThat(active.path("progress").path("notifiedUsers").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(active.path("history")).extracting(s -> s.path("status").asText()).containsExactly("draft", "active");

        // the pharmacist got an in-app notification (Arabic on request) and an email
        String pharmacist = Demo.PHARMACIST.login(http);
        JsonNode inbox = http.send(http.request("/api/v2/notifications", "Authorization", Http.bearer(pharmacist),
                "Accept-Language", "ar").GET()).json().path("data");
        List<String> titles = new ArrayList<>();
        inbox.forEach(n -> {
            if (n.path("subjectId").asText().equals(id)) {
                titles.add(n.path("title").asText());
            }
        });
        assertThat(titles).hasSize(1);
        assertThat(titles.getFirst()).contains("سحب").contains("ريكالين");
        assertThat(APP.count("SELECT count(*) FROM email_outbox WHERE recipient = '" + Demo.PHARMACIST.email
                + "' AND subject LIKE '%Recallin%'")).isGreaterThanOrEqualTo(1);
        // the registry and search flag the medicine
        JsonNode medicine = http.getAs(pharmacist, "/api/v2/medicines/" + medicineId).json().path("data");
        assertThat(medicine.path("underRecall").asBoolean()).isTrue();
        assertThat(medicine.path("activeRecalls").get(0).path("recallId").asText()).isEqualTo(id);
        assertThat(medicine.path("activeRecalls").get(0).path("allBatches").asBoolean()).isFalse();

        // acknowledgements: the pharmacy and a hospital; a doctor may not; each tenant sees its own
        Http.Response ack = http.postAs(pharmacist, "/api/v2/recalls/" + id + "/acknowledgements",
                "{\"quantityQuarantined\":40,\"quantityReturned\":12,\"note\":\"Shelf cleared\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().path("data").path("status").asText()).isEqualTo("acknowledged");
        String hospitalAdmin = Demo.CAIRO_ADMIN.login(http);
        assertThat(http.postAs(hospitalAdmin, "/api/v2/recalls/" + id + "/acknowledgements",
                "{\"quantityQuarantined\":5,\"quantityReturned\":0}").status()).isEqualTo(200);
        assertThat(http.postAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/recalls/" + id + "/acknowledgements",
                "{\"quantityQuarantined\":1,\"quantityReturned\":0}").status()).isEqualTo(403);
        JsonNode own = http.getAs(pharmacist, "/api/v2/recalls/" + id + "/acknowledgements").json();
        assertThat(own.path("meta").path("total").asLong()).isEqualTo(1);
        JsonNode all = http.getAs(officer, "/api/v2/recalls/" + id + "/acknowledgements?size=100").json();
        assertThat(all.path("meta").path("total").asLong()).isEqualTo(expectedTenants);
        JsonNode progress = http.getAs(officer, "/api/v2/recalls/" + id).json().path("data").path("progress");
        assertThat(progress.path("acknowledged").asInt()).isEqualTo(2);
        assertThat(progress.path("quantityQuarantined").asLong()).isEqualTo(45);
        assertThat(progress.path("quantityReturned").asLong()).isEqualTo(12);

        Http.Response completed = step(officer, id, "complete", "{}");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().path("data").path("history")).extracting(s -> s.path("status").asText())
                .containsExactly("draft", "active", "completed");
        assertThat(http.getAs(pharmacist, "/api/v2/medicines/" + medicineId).json().path("data").path("underRecall").asBoolean())
                .isFalse();
        Http.Response lateAck = http.postAs(pharmacist, "/api/v2/recalls/" + id + "/acknowledgements",
                "{\"quantityQuarantined\":1,\"quantityReturned\":1}");
        assertThat(lateAck.status()).isEqualTo(409);

        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND action IN "
                + "('recall.created', 'recall.active', 'recall.fanned_out', 'recall.acknowledged', 'recall.completed')"))
                .isEqualTo(6);
    }

    @Test
    void illegalTransitionsAreConflictsAndCancellingNeedsAReason() throws Exception {
        String id = create(newMedicine(), "\"allBatches\":true").path("id").asText();
        Http.Response complete = step(officer, id, "complete", "{}");
        assertThat(complete.status()).isEqualTo(409);
        assertThat(complete.header("Content-Type")).startsWith("application/problem+json");
        assertThat(complete.json().path("detail").asText()).contains("draft").contains("active, cancelled");
        Http.Response noReason = step(officer, id, "cancel", "{}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("comment");
        assertThat(step(officer, id, "cancel", "{\"comment\":\"Issued in error\"}").status()).isEqualTo(200);
        assertThat(step(officer, id, "activate", "{}").status()).isEqualTo(409);
        assertThat(step(officer, java.util.UUID.randomUUID().toString(), "activate", "{}").status()).isEqualTo(404);
    }

    @Test
    void anAllBatchesRecallFlagsTheMedicineInSearchResults() throws Exception {
        String medicineId = newMedicine();
        String name = http.getAs(officer, "/api/v2/medicines/" + medicineId).json().path("data").path("tradeNameEn").asText();
        String id = create(medicineId, "\"allBatches\":true").path("id").asText();
        step(officer, id, "activate", "{}");
        fannedOut(id);
        JsonNode hit = null;
        for (int i = 0; i < 50 && hit == null; i++) { // the index follows the registry within a second
            for (JsonNode h : http.getAs(officer, "/api/v2/medicines/search?q=" + name.replace(" ", "%20")).json().path("data")) {
                if (h.path("medicine").path("id").asText().equals(medicineId)) {
                    hit = h;
                }
            }
            Thread.sleep(100);
        }
        assertThat(hit).as("found by search").isNotNull();
        assertThat(hit.path("underRecall").asBoolean()).isTrue();
        assertThat(hit.path("activeRecalls").get(0).path("allBatches").asBoolean()).isTrue();
        assertThat(hit.path("medicine").path("tradeNameEn").asText()).isEqualTo(name);
    }

    @Test
    void everyFieldIsValidatedAndOnlyTheRegulatorWrites() throws Exception {
        Http.Response bad = http.postAs(officer, "/api/v2/recalls", """
                {"medicineId":"%s","batchNumbers":["ok-1","bad batch!","OK-1"],"class":"IV","level":"shop",
                 "reasonEn":"","reasonAr":"English only","instructionsEn":"x","instructionsAr":"اعزل"}
                """.formatted(java.util.UUID.randomUUID()));
        assertThat(bad.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("batchNumbers[1]", "batchNumbers[2]", "class", "level", "reasonEn", "reasonAr", "startDate");
        Http.Response unknownMedicine = http.postAs(officer, "/api/v2/recalls", recall(java.util.UUID.randomUUID().toString(), "\"allBatches\":true"));
        assertThat(unknownMedicine.status()).isEqualTo(422);
        assertThat(unknownMedicine.body()).contains("medicineId");
        Http.Response neither = http.postAs(officer, "/api/v2/recalls", recall(newMedicine(), "\"allBatches\":false"));
        assertThat(neither.status()).isEqualTo(422);
        assertThat(neither.body()).contains("batchNumbers");

        String medicineId = newMedicine();
        for (Demo who : List.of(Demo.PHARMACIST, Demo.CAIRO_DOCTOR, Demo.CAIRO_ADMIN, Demo.VIEWER)) {
            assertThat(http.postAs(who.login(http), "/api/v2/recalls", recall(medicineId, "\"allBatches\":true")).status())
                    .as(who.name()).isEqualTo(403);
        }
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/recalls?status=draft&class=I").status()).isEqualTo(200);
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/recalls?class=V").status()).isEqualTo(400);
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/recalls?from=yesterday").status()).isEqualTo(400);
        assertThat(APP.count("SELECT count(*) FROM recalls WHERE medicine_id = '" + medicineId + "'")).isZero();
    }

    @Test
    void listFiltersByMedicineStatusClassAndDates() {
        String medicineId = newMedicine();
        create(medicineId, "\"allBatches\":true");
        create(medicineId, "\"batchNumbers\":[\"B1\"]");
        JsonNode page = http.getAs(officer, "/api/v2/recalls?medicine=" + medicineId + "&status=draft&class=I&from=2026-11-01&to=2026-11-30&size=1").json();
        assertThat(page.path("meta").path("total").asLong()).isEqualTo(2);
        assertThat(page.path("meta").path("totalPages").asLong()).isEqualTo(2);
        assertThat(page.path("data")).hasSize(1);
        assertThat(http.getAs(officer, "/api/v2/recalls?medicine=" + medicineId + "&from=2026-12-01").json()
                .path("meta").path("total").asLong()).isZero();
    }
}
