package ai.healthflow.adverseevent;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.adverseevent.Reports.medicine;
import static ai.healthflow.adverseevent.Reports.notSerious;
import static ai.healthflow.adverseevent.Reports.report;
import static ai.healthflow.adverseevent.Reports.submit;
import static ai.healthflow.adverseevent.Reports.submitted;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class AdverseEventIT {
    static final TestApp.Extension APP = TestApp.create();
    static final Map<Demo, String> TOKENS = new EnumMap<>(Demo.class);
    static String amoxil;
    static String augmentin;
    static String panadol;
    Http http;

    @BeforeEach
    void setUp() {
        http = APP.http();
        if (amoxil == null) {
            amoxil = medicine(http, token(Demo.OFFICER), "Amoxil", "amoxicillin", "أموكسيسيلين");
            augmentin = medicine(http, token(Demo.OFFICER), "Augmentin", "amoxicillin + clavulanic acid",
                    "أموكسيسيلين + حمض الكلافيولانيك");
            panadol = medicine(http, token(Demo.OFFICER), "Panadol", "paracetamol", "باراسيتامول");
        }
    }

    String token(Demo who) {
        return TOKENS.computeIfAbsent(who, d -> d.login(APP.http()));
    }

    JsonNode get(Demo who, String path) {
        Http.Response response = http.getAs(token(who), path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data");
    }

    Http.Response transition(String id, String to, String comment) {
        return http.postAs(token(Demo.OFFICER), "/api/v2/adverse-events/" + id + "/transitions",
                comment == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"comment\":\"" + comment + "\"}");
    }

    Http.Response causality(String id, String body) {
        return http.postAs(token(Demo.OFFICER), "/api/v2/adverse-events/" + id + "/causality", body);
    }

    void moveTo(String id, String... statuses) {
        for (String status : statuses) {
            Http.Response moved = transition(id, status, "step to " + status);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }
    }

    static List<String> fields(Http.Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void aDoctorReportsAnAdverseEventAndGetsTheCaseWithItsRegulatoryClock() throws SQLException {
        Http.Response created = submit(http, token(Demo.CAIRO_DOCTOR), report(amoxil, panadol));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(created.header("Location")).endsWith("/api/v2/adverse-events/" + data.get("id").asText());
        assertThat(data.get("caseNumber").asText()).matches("AE-\\d{4}-\\d{6}");
        assertThat(data.get("version").asInt()).isEqualTo(1);
        assertThat(data.get("status").asText()).isEqualTo("submitted");
        assertThat(data.at("/reporter/name").asText()).isEqualTo("Dr. Ahmed Farouk");
        assertThat(data.at("/reporter/role").asText()).isEqualTo("doctor");
        assertThat(data.get("tenantName").asText()).isEqualTo("Cairo General Hospital");
        assertThat(data.at("/patient/initials").asText()).isEqualTo("MA");
        assertThat(data.at("/patient/ageYears").asInt()).isEqualTo(54);
        assertThat(data.at("/seriousness/serious").asBoolean()).isTrue();
        assertThat(data.at("/seriousness/criteria/0").asText()).isEqualTo("hospitalisation");
        Instant received = Instant.parse(data.get("receivedAt").asText());
        assertThat(Instant.parse(data.get("dueAt").asText())).isEqualTo(received.plus(Duration.ofDays(15)));
        assertThat(data.get("overdue").asBoolean()).isFalse();
        JsonNode suspect = data.at("/suspectMedicines/0");
        assertThat(suspect.get("tradeName").asText()).isEqualTo("Amoxil");
        assertThat(suspect.get("ingredients").findValuesAsText("nameEn")).containsExactly("amoxicillin");
        assertThat(suspect.get("batchNumber").asText()).isEqualTo("L2301");
        assertThat(suspect.get("route").asText()).isEqualTo("oral");
        assertThat(suspect.get("actionTaken").asText()).isEqualTo("withdrawn");
        assertThat(suspect.get("causality").isNull()).isTrue();
        assertThat(data.at("/concomitantMedicines/0/tradeName").asText()).isEqualTo("Panadol");
        assertThat(data.at("/reactions/0/term").asText()).isEqualTo("Rash");
        assertThat(data.at("/reactions/0/meddraCode").asText()).isEqualTo("10037844");
        assertThat(data.at("/reactions/0/outcome").asText()).isEqualTo("recovering");
        assertThat(data.get("history")).hasSize(1);
        assertThat(data.at("/history/0/from").isNull()).isTrue();
        assertThat(data.at("/history/0/to").asText()).isEqualTo("submitted");
        assertThat(data.get("versions")).hasSize(1);

        String id = data.get("id").asText();
        assertThat(get(Demo.CAIRO_DOCTOR, "/api/v2/adverse-events/" + id)).as("the answer is what was stored")
                .isEqualTo(data);
        // the suspect medicine is stored with the ingredients the registry links to it, for signal detection
        assertThat(APP.count("""
                SELECT count(*) FROM adverse_event_drugs d
                 WHERE d.event_id = '%s' AND d.role = 'suspect'
                   AND d.ingredient_ids = ARRAY(SELECT ingredient_id FROM medicine_ingredients WHERE medicine_id = '%s')
                """.formatted(id, amoxil))).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'adverse_event.submitted' AND entity_id = '"
                + id + "'")).isEqualTo(1);
    }

    @Test
    void aReportThatIsNotSeriousHasNoClock() {
        JsonNode data = submit(http, token(Demo.PHARMACIST), notSerious(report(panadol, null))).json().get("data");

        assertThat(data.get("dueAt").isNull()).isTrue();
        assertThat(data.get("overdue").asBoolean()).isFalse();
        assertThat(data.get("tenantName").asText()).isEqualTo("El-Shifa Pharmacy");
    }

    @Test
    void everyInvalidFieldIsListedAndNothingIsWritten() throws SQLException {
        long before = APP.count("SELECT count(*) FROM adverse_events");
        ObjectNode body = report(amoxil, amoxil);
        ((ObjectNode) body.get("patient")).put("initials", "M4").put("ageYears", 200).put("sex", "other");
        ObjectNode first = (ObjectNode) body.get("suspectMedicines").get(0);
        first.put("route", "by mouth").put("startDate", "2026-10-05").put("stopDate", "2026-10-01")
                .put("actionTaken", "stopped");
        body.withArray("suspectMedicines").addObject().put("medicineId", UUID.randomUUID().toString());
        body.withArray("suspectMedicines").addObject().put("dose", "1 g");
        ((ObjectNode) body.get("reactions").get(0)).put("term", " ").put("meddraCode", "1234")
                .put("onsetDate", LocalDate.now().plusDays(3).toString()).put("outcome", "better");
        body.putObject("seriousness").put("serious", true).putArray("criteria");

        Http.Response response = submit(http, token(Demo.CAIRO_DOCTOR), body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("type").asText()).endsWith("/validation-failed");
        assertThat(fields(response)).containsExactlyInAnyOrder(
                "patient.initials", "patient.ageYears", "patient.sex",
                "suspectMedicines[0].route", "suspectMedicines[0].stopDate", "suspectMedicines[0].actionTaken",
                "suspectMedicines[1].medicineId", "suspectMedicines[2].medicineId",
                "concomitantMedicines[0].medicineId",
                "reactions[0].term", "reactions[0].meddraCode", "reactions[0].onsetDate", "reactions[0].outcome",
                "seriousness.criteria");
        assertThat(APP.count("SELECT count(*) FROM adverse_events")).isEqualTo(before);
    }

    @Test
    void theMinimumIsAnIdentifiablePatientASuspectMedicineAndAReaction() {
        Http.Response empty = http.postAs(token(Demo.CAIRO_NURSE), "/api/v2/adverse-events", "{}");
        Http.Response anonymous = http.postAs(token(Demo.CAIRO_NURSE), "/api/v2/adverse-events", """
                {"patient":{"sex":"unknown","weightKg":80},"suspectMedicines":[],"reactions":[],
                 "seriousness":{"serious":false,"criteria":["death"]}}""");
        Http.Response minimal = http.postAs(token(Demo.CAIRO_NURSE), "/api/v2/adverse-events", """
                {"patient":{"initials":"K"},"suspectMedicines":[{"medicineId":"%s"}],"reactions":[{"term":"Nausea"}],
                 "seriousness":{"serious":false}}""".formatted(panadol));

        assertThat(fields(empty)).containsExactlyInAnyOrder("patient", "suspectMedicines", "reactions", "seriousness");
        assertThat(fields(anonymous)).containsExactlyInAnyOrder("patient", "suspectMedicines", "reactions",
                "seriousness.criteria");
        assertThat(minimal.status()).as(minimal.body()).isEqualTo(201);
        assertThat(minimal.json().at("/data/reporter/role").asText()).isEqualTo("nurse");
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        ObjectNode withTenant = report(amoxil, null).put("tenantId", UUID.randomUUID().toString());
        ObjectNode fractionalAge = report(amoxil, null);
        ((ObjectNode) fractionalAge.get("patient")).put("ageYears", 54.5);

        assertThat(submit(http, token(Demo.CAIRO_DOCTOR), withTenant).status()).isEqualTo(400);
        Http.Response age = submit(http, token(Demo.CAIRO_DOCTOR), fractionalAge);
        assertThat(age.status()).isEqualTo(400);
        assertThat(fields(age)).containsExactly("patient.ageYears");
    }

    @Test
    void reportersSubmitAndOnlyTheRegulatorTriagesAndAssesses() {
        String id = submitted(http, token(Demo.CAIRO_DOCTOR), report(amoxil, null));

        assertThat(submit(http, token(Demo.OFFICER), report(amoxil, null)).status()).isEqualTo(403);
        assertThat(submit(http, token(Demo.VIEWER), report(amoxil, null)).status()).isEqualTo(403);
        assertThat(submit(http, token(Demo.CAIRO_ADMIN), report(amoxil, null)).status()).isEqualTo(403);
        assertThat(http.getAs(token(Demo.VIEWER), "/api/v2/adverse-events").status()).isEqualTo(403);
        assertThat(http.getAs(token(Demo.CAIRO_ADMIN), "/api/v2/adverse-events/" + id).status()).isEqualTo(403);
        assertThat(http.postAs(token(Demo.CAIRO_DOCTOR), "/api/v2/adverse-events/" + id + "/transitions",
                "{\"to\":\"triaged\",\"comment\":\"self-triage\"}").status()).isEqualTo(403);
        assertThat(http.postAs(token(Demo.CAIRO_NURSE), "/api/v2/adverse-events/" + id + "/causality",
                "{\"medicineId\":\"" + amoxil + "\",\"whoUmc\":\"certain\"}").status()).isEqualTo(403);
        assertThat(http.get("/api/v2/adverse-events/" + id).status()).isEqualTo(401);
        assertThat(get(Demo.CAIRO_NURSE, "/api/v2/adverse-events/" + id).get("id").asText()).isEqualTo(id);
        assertThat(transition(id, "triaged", "complete and valid").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsReportDoesNotExistForTheCaller() {
        String cairo = submitted(http, token(Demo.CAIRO_DOCTOR), report(amoxil, null));
        String alex = submitted(http, token(Demo.ALEX_DOCTOR), report(amoxil, null));
        String base = "/api/v2/adverse-events/" + cairo;

        for (String path : List.of(base, base + "/versions/1", base + "/e2b")) {
            Http.Response response = http.getAs(token(Demo.ALEX_DOCTOR), path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).doesNotContain("MA").doesNotContain("Cairo");
        }
        assertThat(http.postAs(token(Demo.ALEX_DOCTOR), base + "/follow-ups", report(amoxil, null).toString()).status())
                .isEqualTo(404);
        assertThat(get(Demo.ALEX_DOCTOR, "/api/v2/adverse-events?size=100").findValuesAsText("id"))
                .contains(alex).doesNotContain(cairo);
        assertThat(get(Demo.PHARMACIST, "/api/v2/adverse-events?size=100").findValuesAsText("id"))
                .doesNotContain(cairo, alex);
        assertThat(get(Demo.OFFICER, "/api/v2/adverse-events?size=100").findValuesAsText("id")).contains(cairo, alex);
        assertThat(get(Demo.OFFICER, base).get("tenantName").asText()).isEqualTo("Cairo General Hospital");
    }

    @Test
    void theWorkflowMovesOneStepAtATimeEachWithAComment() throws SQLException {
        String id = submitted(http, token(Demo.CAIRO_DOCTOR), report(amoxil, panadol));

        Http.Response skip = transition(id, "assessed", "too fast");
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.json().get("type").asText()).endsWith("/illegal-transition");
        assertThat(fields(transition(id, "triaged", null))).containsExactly("comment");
        assertThat(fields(transition(id, "archived", "x"))).containsExactly("to");
        moveTo(id, "triaged");
        assertThat(causality(id, "{\"medicineId\":\"" + amoxil + "\",\"whoUmc\":\"probable\"}").status())
                .as("not under assessment yet").isEqualTo(409);
        moveTo(id, "under_assessment");

        Http.Response incomplete = transition(id, "assessed", "done");
        assertThat(incomplete.status()).isEqualTo(409);
        assertThat(incomplete.json().get("type").asText()).endsWith("/assessment-incomplete");
        assertThat(incomplete.json().get("detail").asText()).contains("Amoxil");
        assertThat(fields(causality(id, "{\"medicineId\":\"" + amoxil + "\",\"whoUmc\":\"likely\",\"naranjoScore\":20}")))
                .containsExactlyInAnyOrder("whoUmc", "naranjoScore");
        assertThat(fields(causality(id, "{\"medicineId\":\"" + panadol + "\",\"whoUmc\":\"possible\"}")))
                .as("a concomitant medicine is not assessed").containsExactly("medicineId");
        Http.Response assessed = causality(id, """
                {"medicineId":"%s","whoUmc":"probable","naranjoScore":7,"comment":"Positive dechallenge"}""".formatted(amoxil));
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(200);
        JsonNode causality = assessed.json().at("/data/suspectMedicines/0/causality");
        assertThat(causality.get("whoUmc").asText()).isEqualTo("probable");
        assertThat(causality.get("naranjoScore").asInt()).isEqualTo(7);
        assertThat(causality.get("naranjoCategory").asText()).isEqualTo("probable");
        assertThat(causality.get("assessedByName").asText()).isEqualTo("Dr. Mona Hassan");
        moveTo(id, "assessed", "closed");

        Http.Response reopen = transition(id, "submitted", "again");
        assertThat(reopen.status()).isEqualTo(409);
        JsonNode history = get(Demo.CAIRO_DOCTOR, "/api/v2/adverse-events/" + id).get("history");
        assertThat(history.findValuesAsText("to"))
                .containsExactly("submitted", "triaged", "under_assessment", "assessed", "closed");
        assertThat(history.get(1).get("from").asText()).isEqualTo("submitted");
        assertThat(history.get(1).get("comment").asText()).isEqualTo("step to triaged");
        assertThat(history.get(1).get("byName").asText()).isEqualTo("Dr. Mona Hassan");
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'adverse_event.transitioned' AND entity_id = '"
                + id + "'")).isEqualTo(4);
    }

    @Test
    void followUpsAddVersionsAndEarlierVersionsStayReadable() {
        String id = submitted(http, token(Demo.CAIRO_DOCTOR), notSerious(report(amoxil, null)));
        ObjectNode followUp = report(amoxil, panadol);
        followUp.putObject("seriousness").put("serious", true).putArray("criteria").add("life_threatening");
        ((ObjectNode) followUp.get("reactions").get(0)).put("outcome", "recovered");
        followUp.withArray("reactions").addObject().put("term", "Angioedema").put("onsetDate", "2026-10-04")
                .put("outcome", "recovered");

        Http.Response second = http.postAs(token(Demo.CAIRO_NURSE), "/api/v2/adverse-events/" + id + "/follow-ups",
                followUp.toString());

        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.header("Location")).endsWith("/api/v2/adverse-events/" + id + "/versions/2");
        JsonNode current = second.json().get("data");
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(current.get("reactions").findValuesAsText("term")).containsExactly("Rash", "Angioedema");
        assertThat(current.at("/reporter/name").asText()).as("the first reporter stays").isEqualTo("Dr. Ahmed Farouk");
        // the case became serious with this information: its clock starts now
        assertThat(Instant.parse(current.get("dueAt").asText()))
                .isEqualTo(Instant.parse(current.get("latestInfoAt").asText()).plus(Duration.ofDays(15)));
        assertThat(current.get("versions").findValuesAsText("submittedByName"))
                .containsExactly("Dr. Ahmed Farouk", "Sara Ibrahim");

        JsonNode first = get(Demo.CAIRO_DOCTOR, "/api/v2/adverse-events/" + id + "/versions/1");
        assertThat(first.get("current").asBoolean()).isFalse();
        assertThat(first.at("/seriousness/serious").asBoolean()).isFalse();
        assertThat(first.get("reactions")).hasSize(1);
        assertThat(first.at("/reactions/0/outcome").asText()).isEqualTo("recovering");
        assertThat(first.get("concomitantMedicines")).isEmpty();
        assertThat(get(Demo.OFFICER, "/api/v2/adverse-events/" + id + "/versions/2").get("current").asBoolean()).isTrue();
        assertThat(http.getAs(token(Demo.CAIRO_DOCTOR), "/api/v2/adverse-events/" + id + "/versions/3").status())
                .isEqualTo(404);

        Http.Response byRegulator = http.postAs(token(Demo.OFFICER), "/api/v2/adverse-events/" + id + "/follow-ups",
                followUp.toString());
        assertThat(byRegulator.status()).as(byRegulator.body()).isEqualTo(201);
        assertThat(byRegulator.json().at("/data/version").asInt()).isEqualTo(3);
        assertThat(byRegulator.json().at("/data/dueAt").asText()).as("the clock does not restart")
                .isEqualTo(current.get("dueAt").asText());
    }

    @Test
    void aFollowUpReopensAnAssessedCaseAndAClosedCaseTakesNone() {
        String id = submitted(http, token(Demo.CAIRO_DOCTOR), report(amoxil, null));
        moveTo(id, "triaged", "under_assessment");
        causality(id, "{\"medicineId\":\"" + amoxil + "\",\"whoUmc\":\"possible\"}");
        moveTo(id, "assessed");

        JsonNode reopened = http.postAs(token(Demo.CAIRO_DOCTOR), "/api/v2/adverse-events/" + id + "/follow-ups",
                report(amoxil, null).toString()).json().get("data");

        assertThat(reopened.get("status").asText()).isEqualTo("under_assessment");
        JsonNode last = reopened.get("history").get(reopened.get("history").size() - 1);
        assertThat(last.get("from").asText()).isEqualTo("assessed");
        assertThat(last.get("comment").asText()).contains("version 2");
        assertThat(reopened.at("/suspectMedicines/0/causality/whoUmc").asText()).as("kept").isEqualTo("possible");
        moveTo(id, "assessed", "closed");
        Http.Response closed = http.postAs(token(Demo.CAIRO_DOCTOR), "/api/v2/adverse-events/" + id + "/follow-ups",
                report(amoxil, null).toString());
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("type").asText()).endsWith("/report-closed");
    }

    @Test
    void possibleDuplicatesAreFlaggedForReviewNeverMerged() throws SQLException {
        ObjectNode original = patient(report(amoxil, null), "dx", 33, "male");
        String a = submitted(http, token(Demo.CAIRO_DOCTOR), original);
        // same patient, a different product sharing amoxicillin, same term in other letters, onset 17 days later
        ObjectNode again = patient(report(augmentin, null), "DX", 33, "male");
        ((ObjectNode) again.get("reactions").get(0)).put("term", "RASH").put("onsetDate", "2026-10-20");
        String olderOnset = submitted(http, token(Demo.CAIRO_DOCTOR),
                onset(patient(report(amoxil, null), "DX", 33, "male"), "2026-08-01"));
        String otherAge = submitted(http, token(Demo.CAIRO_DOCTOR), patient(report(amoxil, null), "DX", 34, "male"));
        String otherIngredient = submitted(http, token(Demo.CAIRO_DOCTOR), patient(report(panadol, null), "DX", 33, "male"));

        Http.Response second = submit(http, token(Demo.CAIRO_NURSE), again);
        String b = second.json().at("/data/id").asText();
        String c = submitted(http, token(Demo.ALEX_DOCTOR), patient(report(amoxil, null), "Dx", 33, "male"));

        assertThat(second.json().at("/data/possibleDuplicateOf").findValuesAsText("id")).containsExactly(a);
        assertThat(get(Demo.CAIRO_DOCTOR, "/api/v2/adverse-events/" + a).get("possibleDuplicateOf")
                .findValuesAsText("id")).as("the other tenant's case stays invisible").containsExactly(b);
        assertThat(get(Demo.ALEX_DOCTOR, "/api/v2/adverse-events/" + c).get("possibleDuplicateOf")).isEmpty();
        assertThat(get(Demo.OFFICER, "/api/v2/adverse-events/" + c).get("possibleDuplicateOf").findValuesAsText("id"))
                .containsExactlyInAnyOrder(a, b);
        for (String unrelated : List.of(olderOnset, otherAge, otherIngredient)) {
            assertThat(get(Demo.OFFICER, "/api/v2/adverse-events/" + unrelated).get("possibleDuplicateOf"))
                    .as(unrelated).isEmpty();
        }
        ObjectNode sexOnly = report(amoxil, null);
        sexOnly.putObject("patient").put("sex", "male");
        submitted(http, token(Demo.CAIRO_DOCTOR), sexOnly);
        assertThat(submit(http, token(Demo.CAIRO_DOCTOR), sexOnly).json().at("/data/possibleDuplicateOf"))
                .as("sex alone identifies no one well enough to compare").isEmpty();
        assertThat(APP.count("SELECT count(*) FROM adverse_events WHERE id IN ('" + a + "','" + b + "','" + c + "')"))
                .as("all kept as cases of their own").isEqualTo(3);
        JsonNode listed = get(Demo.OFFICER, "/api/v2/adverse-events?size=100");
        for (JsonNode item : listed) {
            if (item.get("id").asText().equals(a)) {
                assertThat(item.get("possibleDuplicates").asLong()).isEqualTo(2);
            }
        }
    }

    @Test
    void listFiltersBySuspectMedicineIngredientReactionSeriousnessAndStatus() {
        String zyrtec = medicine(http, token(Demo.OFFICER), "Zyrtec", "cetirizine", "سيتريزين");
        String r1 = submitted(http, token(Demo.CAIRO_DOCTOR), term(report(zyrtec, null), "Somnolence"));
        String r2 = submitted(http, token(Demo.PHARMACIST), term(notSerious(report(zyrtec, null)), "Headache"));
        String r3 = submitted(http, token(Demo.CAIRO_DOCTOR), term(notSerious(report(panadol, zyrtec)), "somnolence"));
        moveTo(r2, "triaged");
        String cetirizineId = get(Demo.OFFICER, "/api/v2/medicines/" + zyrtec).at("/ingredients/0/id").asText();
        String list = "/api/v2/adverse-events?size=100&";

        assertThat(get(Demo.OFFICER, list + "medicine=" + zyrtec).findValuesAsText("id")).containsExactlyInAnyOrder(r1, r2);
        assertThat(get(Demo.OFFICER, list + "ingredient=Cetirizine").findValuesAsText("id")).containsExactlyInAnyOrder(r1, r2);
        assertThat(get(Demo.OFFICER, list + "ingredient=" + cetirizineId).findValuesAsText("id"))
                .containsExactlyInAnyOrder(r1, r2);
        assertThat(get(Demo.OFFICER, list + "reaction=SOMNOLENCE").findValuesAsText("id")).containsExactlyInAnyOrder(r1, r3);
        assertThat(get(Demo.OFFICER, list + "medicine=" + zyrtec + "&serious=true").findValuesAsText("id"))
                .containsExactly(r1);
        assertThat(get(Demo.OFFICER, list + "medicine=" + zyrtec + "&status=triaged").findValuesAsText("id"))
                .containsExactly(r2);
        assertThat(get(Demo.OFFICER, list + "medicine=" + zyrtec + "&from=2099-01-01T00:00:00Z")).isEmpty();
        assertThat(get(Demo.CAIRO_DOCTOR, list + "medicine=" + zyrtec).findValuesAsText("id")).containsExactly(r1);

        Http.Response page = http.getAs(token(Demo.OFFICER), "/api/v2/adverse-events?medicine=" + zyrtec
                + "&size=1&sort=receivedAt,asc");
        assertThat(page.json().at("/meta/total").asLong()).isEqualTo(2);
        JsonNode item = page.json().at("/data/0");
        assertThat(item.get("id").asText()).isEqualTo(r1);
        assertThat(item.get("suspectMedicines").get(0).asText()).isEqualTo("Zyrtec");
        assertThat(item.has("patient")).as("lists carry no patient data").isFalse();
        for (String bad : List.of("status=open", "medicine=abc", "overdue=maybe", "from=yesterday", "sort=patient")) {
            assertThat(http.getAs(token(Demo.OFFICER), "/api/v2/adverse-events?" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void readingAReportIsAudited() throws SQLException {
        String id = submitted(http, token(Demo.CAIRO_DOCTOR), report(amoxil, null));

        get(Demo.OFFICER, "/api/v2/adverse-events/" + id);
        get(Demo.CAIRO_NURSE, "/api/v2/adverse-events/" + id + "/versions/1");

        try (Connection c = APP.superuser(); var rows = c.createStatement().executeQuery(
                "SELECT actor_email, changes FROM audit_log WHERE action = 'adverse_event.read' AND entity_id = '"
                        + id + "' ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(Demo.OFFICER.email);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(Demo.CAIRO_NURSE.email);
            assertThat(rows.getString(2)).isEqualTo("{\"version\":1}");
            assertThat(rows.next()).isFalse();
        }
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND changes LIKE '%\"MA\"%'"))
                .as("no patient data in the audit trail").isZero();
    }

    static ObjectNode patient(ObjectNode report, String initials, int age, String sex) {
        ((ObjectNode) report.get("patient")).put("initials", initials).put("ageYears", age).put("sex", sex);
        return report;
    }

    static ObjectNode onset(ObjectNode report, String date) {
        ((ObjectNode) report.get("reactions").get(0)).put("onsetDate", date);
        return report;
    }

    static ObjectNode term(ObjectNode report, String term) {
        ((ObjectNode) report.get("reactions").get(0)).put("term", term);
        return report;
    }
}
