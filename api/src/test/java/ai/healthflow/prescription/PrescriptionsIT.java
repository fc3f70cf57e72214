package ai.healthflow.prescription;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class PrescriptionsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final AtomicInteger NATIONAL = new AtomicInteger(100);
    static String warfarin, aspirin, amoxil, amoxicillinGeneric, amoxicillin250, paracetamol, recalled;
    Http http;
    String doctor, pharmacist;

    static String medicine(Http http, String officer, String regNo, String trade, String generic, String strength, String form) {
        Http.Response created = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"%s","tradeNameEn":"%s","tradeNameAr":"دواء %s","genericNameEn":"%s",
                 "genericNameAr":"مادة","strength":"%s","dosageForm":"%s","route":"oral","manufacturer":"Pharco","priceEgp":25}
                """.formatted(regNo, trade, trade, generic, strength, form));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("data").path("id").asText();
    }

    @BeforeAll
    static void registry() {
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);
        warfarin = medicine(http, officer, "EG-RX1", "Marevan", "warfarin", "5 mg", "tablet");
        aspirin = medicine(http, officer, "EG-RX2", "Aspocid", "acetylsalicylic acid", "75 mg", "tablet");
        amoxil = medicine(http, officer, "EG-RX3", "Amoxil", "amoxicillin", "500 mg", "capsule");
        amoxicillinGeneric = medicine(http, officer, "EG-RX4", "Emox", "amoxicillin", "500 mg", "capsule");
        amoxicillin250 = medicine(http, officer, "EG-RX5", "Amoxil Junior", "amoxicillin", "250 mg", "capsule");
        paracetamol = medicine(http, officer, "EG-RX6", "Panadol", "paracetamol", "500 mg", "tablet");
        recalled = medicine(http, officer, "EG-RX7", "Recallol", "paracetamol", "1 g", "tablet");
        String recall = http.postAs(officer, "/api/v2/recalls", """
                {"medicineId":"%s","allBatches":true,"class":"I","level":"retail","reasonEn":"Contamination",
                 "reasonAr":"تلوث","instructionsEn":"Stop","instructionsAr":"أوقف","startDate":"2026-11-01"}
                """.formatted(recalled)).json().path("data").path("id").asText();
        assertThat(http.postAs(officer, "/api/v2/recalls/" + recall + "/activate", "{}").status()).isEqualTo(200);
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        doctor = Demo.CAIRO_DOCTOR.login(http);
        pharmacist = Demo.PHARMACIST.login(http);
    }

    /** A new patient of the Cairo hospital (born 1980-01-01, female), optionally allergic to penicillins. */
    String patient(boolean penicillinAllergy) {
        String nationalId = "280010101%03d21".formatted(NATIONAL.incrementAndGet()); // 13th digit 2: female
        Http.Response created = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"%s","nameEn":"Salma Hassan","nameAr":"سلمى حسن","dateOfBirth":"1980-01-01","sex":"female"%s}
                """.formatted(nationalId, penicillinAllergy ? ",\"allergies\":[{\"type\":\"class\",\"substance\":\"penicillins\"}]" : ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("data").path("id").asText();
    }

    static String item(String medicineId, int quantity) {
        return "{\"medicineId\":\"%s\",\"dose\":\"1 tablet\",\"frequency\":\"once daily\",\"durationDays\":30,\"quantity\":%d,\"instructionsAr\":\"بعد الأكل\"}"
                .formatted(medicineId, quantity);
    }

    Http.Response prescribe(String patientId, String overrides, boolean substitution, String... items) {
        return http.postAs(doctor, "/api/v2/prescriptions", "{\"patientId\":\"%s\",\"items\":[%s],\"allowSubstitution\":%s%s}"
                .formatted(patientId, String.join(",", items), substitution, overrides == null ? "" : ",\"overrides\":" + overrides));
    }

    JsonNode issued(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("data");
    }

    Http.Response dispense(String token, String prescriptionId, String items) {
        return http.postAs(token, "/api/v2/prescriptions/" + prescriptionId + "/dispense", "{\"items\":[" + items + "]}");
    }

    static String line(String itemId, int quantity, String batch) {
        return "{\"itemId\":\"%s\",\"quantity\":%d,\"batchNumber\":\"%s\"}".formatted(itemId, quantity, batch);
    }

    @Test
    void aMajorInteractionBlocksUntilTheDoctorGivesAReason() throws Exception {
        String patient = patient(false);
        Http.Response blocked = prescribe(patient, null, false, item(warfarin, 30), item(aspirin, 30));
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);
        assertThat(blocked.json().path("type").asText()).endsWith("/override-required");
        JsonNode finding = blocked.json().path("findings").get(0);
        assertThat(finding.path("severity").asText()).isEqualTo("major");
        assertThat(finding.path("blocking").asBoolean()).isTrue();
        assertThat(finding.path("descriptionAr").asText()).isNotBlank();
        String key = finding.path("key").asText();
        assertThat(APP.count("SELECT count(*) FROM prescriptions WHERE patient_id = '" + patient + "'")).as("nothing written").isZero();

        JsonNode rx = issued(prescribe(patient, "{\"" + key + "\":\"Post-stent; INR monitored weekly\"}", false,
                item(warfarin, 30), item(aspirin, 30)));
        assertThat(rx.path("status").asText()).isEqualTo("issued");
        assertThat(rx.path("code").asText()).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(rx.path("qrPayload").asText().split("\\.")).hasSize(3);
        assertThat(rx.path("findings").get(0).path("overrideReason").asText()).isEqualTo("Post-stent; INR monitored weekly");
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'prescription.issued' AND entity_id = '"
                + rx.path("id").asText() + "' AND changes::text LIKE '%INR monitored weekly%'")).isEqualTo(1);
        assertThat(http.getAs(doctor, "/api/v2/prescriptions/" + rx.path("id").asText()).json().get("data"))
                .as("the answer to the creation is exactly what is stored").isEqualTo(rx);

        // the next prescription for the same patient is checked against this open one: warfarin + amoxicillin is moderate
        JsonNode next = issued(prescribe(patient, null, false, item(amoxil, 21)));
        assertThat(next.path("findings")).hasSize(1);
        assertThat(next.path("findings").get(0).path("severity").asText()).isEqualTo("moderate");
        assertThat(next.path("findings").get(0).path("blocking").asBoolean()).isFalse();
    }

    @Test
    void allergiesByClassAndRecalledMedicinesAreRefused() throws Exception {
        String allergic = patient(true);
        Http.Response allergy = prescribe(allergic, null, false, item(amoxil, 21));
        assertThat(allergy.status()).as(allergy.body()).isEqualTo(422);
        assertThat(allergy.json().path("findings").get(0).path("kind").asText()).isEqualTo("allergy");
        Http.Response recall = prescribe(patient(false), null, false, item(recalled, 10));
        assertThat(recall.status()).isEqualTo(422);
        assertThat(recall.json().path("errors").get(0).path("field").asText()).isEqualTo("items[0].medicineId");
        assertThat(recall.body()).contains("recall");
        Http.Response invalid = http.postAs(doctor, "/api/v2/prescriptions", "{\"patientId\":\"" + allergic
                + "\",\"items\":[{\"medicineId\":\"" + paracetamol + "\",\"dose\":\"\",\"frequency\":\"x\",\"durationDays\":0,\"quantity\":5000}]}");
        assertThat(invalid.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        invalid.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("items[0].dose", "items[0].durationDays", "items[0].quantity");
    }

    @Test
    void aPharmacistFindsByCodeAndDispensesExactlyWhatRemains() throws Exception {
        JsonNode rx = issued(prescribe(patient(false), null, false, item(paracetamol, 20)));
        String code = rx.path("code").asText();
        String itemId = rx.path("items").get(0).path("id").asText();
        Http.Response found = http.getAs(pharmacist, "/api/v2/prescriptions/code/" + code.toLowerCase().replace("-", ""));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(http.getAs(pharmacist, "/api/v2/prescriptions/code/" + rx.path("qrPayload").asText()).status()).isEqualTo(200);
        assertThat(http.getAs(pharmacist, "/api/v2/prescriptions/code/" + rx.path("qrPayload").asText() + "x").status()).isEqualTo(404);
        String id = rx.path("id").asText();
        assertThat(http.getAs(pharmacist, "/api/v2/prescriptions/" + id).status()).as("not dispensed here yet").isEqualTo(404);

        JsonNode partial = dispense(pharmacist, id, line(itemId, 12, "b-2211")).json().path("data");
        assertThat(partial.path("status").asText()).isEqualTo("partially_dispensed");
        assertThat(partial.path("items").get(0).path("remaining").asInt()).isEqualTo(8);
        assertThat(partial.path("dispensings").get(0).path("items").get(0).path("batchNumber").asText()).isEqualTo("B-2211");
        Http.Response over = dispense(pharmacist, id, line(itemId, 9, "B-2211"));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.json().path("detail").asText()).contains("8 remaining");
        assertThat(dispense(pharmacist, id, line(itemId, 8, "B-2212")).json().path("data").path("status").asText()).isEqualTo("dispensed");
        assertThat(dispense(pharmacist, id, line(itemId, 1, "B-2212")).status()).isEqualTo(409);
        assertThat(http.getAs(pharmacist, "/api/v2/prescriptions/" + id).status()).as("now dispensed here").isEqualTo(200);
        assertThat(http.getAs(pharmacist, "/api/v2/prescriptions").json().path("data").findValuesAsText("id")).contains(id);
        assertThat(dispense(doctor, id, line(itemId, 1, "B")).status()).as("doctors do not dispense").isEqualTo(403);
        assertThat(http.postAs(pharmacist, "/api/v2/prescriptions", "{}").status()).as("pharmacists do not prescribe").isEqualTo(403);
        assertThat(http.getAs(Demo.ALEX_DOCTOR.login(http), "/api/v2/prescriptions/" + id).status()).isEqualTo(404);

        // the patient's history at the hospital shows the prescription with both dispensings (a nurse may read it)
        String patientId = rx.path("patient").path("id").asText();
        JsonNode history = http.getAs(Demo.CAIRO_NURSE.login(http), "/api/v2/patients/" + patientId + "/history").json();
        assertThat(history.path("data").get(0).path("id").asText()).isEqualTo(id);
        assertThat(history.path("data").get(0).path("dispensings")).hasSize(2);
        assertThat(http.getAs(Demo.ALEX_DOCTOR.login(http), "/api/v2/patients/" + patientId + "/history").status()).isEqualTo(404);
    }

    @Test
    void twoPharmacistsAtTheSameMomentOneSucceeds() throws Exception {
        JsonNode rx = issued(prescribe(patient(false), null, false, item(paracetamol, 10)));
        String id = rx.path("id").asText();
        String itemId = rx.path("items").get(0).path("id").asText();
        String secondSession = Demo.PHARMACIST.login(http);
        var barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (String token : List.of(pharmacist, secondSession)) {
            results.add(pool.submit((Callable<Integer>) () -> {
                barrier.await();
                return dispense(token, id, line(itemId, 10, "C-1")).status();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(APP.count("SELECT quantity_dispensed FROM prescription_items WHERE id = '" + itemId + "'")).isEqualTo(10);
        assertThat(APP.count("SELECT count(*) FROM dispensings WHERE prescription_id = '" + id + "'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM prescriptions WHERE id = '" + id + "' AND status = 'dispensed'")).isEqualTo(1);
    }

    @Test
    void substitutionOnlyByAnEquivalentWhenAllowedAndNeverFromARecalledBatch() throws Exception {
        JsonNode allowed = issued(prescribe(patient(false), null, true, item(amoxil, 21)));
        String id = allowed.path("id").asText();
        String itemId = allowed.path("items").get(0).path("id").asText();
        Http.Response wrongStrength = dispense(pharmacist, id, "{\"itemId\":\"%s\",\"quantity\":21,\"batchNumber\":\"E1\",\"substituteMedicineId\":\"%s\"}"
                .formatted(itemId, amoxicillin250));
        assertThat(wrongStrength.status()).isEqualTo(422);
        assertThat(wrongStrength.body()).contains("therapeutic equivalent");
        JsonNode substituted = dispense(pharmacist, id, "{\"itemId\":\"%s\",\"quantity\":21,\"batchNumber\":\"E1\",\"substituteMedicineId\":\"%s\"}"
                .formatted(itemId, amoxicillinGeneric)).json().path("data");
        assertThat(substituted.path("dispensings").get(0).path("items").get(0).path("substituted").asBoolean()).isTrue();
        assertThat(substituted.path("dispensings").get(0).path("items").get(0).path("tradeNameEn").asText()).isEqualTo("Emox");

        JsonNode strict = issued(prescribe(patient(false), null, false, item(amoxil, 21)));
        Http.Response notAllowed = dispense(pharmacist, strict.path("id").asText(), "{\"itemId\":\"%s\",\"quantity\":21,\"batchNumber\":\"E1\",\"substituteMedicineId\":\"%s\"}"
                .formatted(strict.path("items").get(0).path("id").asText(), amoxicillinGeneric));
        assertThat(notAllowed.status()).isEqualTo(422);
        assertThat(notAllowed.body()).contains("did not allow substitution");

        // a batch recall issued after prescribing stops the dispensing of that batch only
        String officer = Demo.OFFICER.login(http);
        String recall = http.postAs(officer, "/api/v2/recalls", """
                {"medicineId":"%s","batchNumbers":["BAD-7"],"class":"II","level":"retail","reasonEn":"Label error",
                 "reasonAr":"خطأ في الملصق","instructionsEn":"Quarantine","instructionsAr":"اعزل","startDate":"2026-11-20"}
                """.formatted(amoxil)).json().path("data").path("id").asText();
        http.postAs(officer, "/api/v2/recalls/" + recall + "/activate", "{}");
        String strictItem = strict.path("items").get(0).path("id").asText();
        Http.Response badBatch = dispense(pharmacist, strict.path("id").asText(), line(strictItem, 21, "bad-7"));
        assertThat(badBatch.status()).isEqualTo(422);
        assertThat(badBatch.json().path("errors").get(0).path("field").asText()).isEqualTo("items[0].batchNumber");
        assertThat(dispense(pharmacist, strict.path("id").asText(), line(strictItem, 21, "GOOD-8")).status()).isEqualTo(200);
        http.postAs(officer, "/api/v2/recalls/" + recall + "/complete", "{}");
    }

    @Test
    void cancelledAndExpiredPrescriptionsCannotBeDispensed() throws Exception {
        JsonNode rx = issued(prescribe(patient(false), null, false, item(paracetamol, 5)));
        String id = rx.path("id").asText();
        String itemId = rx.path("items").get(0).path("id").asText();
        assertThat(http.postAs(doctor, "/api/v2/prescriptions/" + id + "/cancel", "{}").status()).isEqualTo(422);
        JsonNode cancelled = http.postAs(doctor, "/api/v2/prescriptions/" + id + "/cancel", "{\"reason\":\"Wrong patient\"}").json().path("data");
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(dispense(pharmacist, id, line(itemId, 1, "A")).status()).isEqualTo(409);

        JsonNode old = issued(prescribe(patient(false), null, false, item(paracetamol, 5)));
        try (var c = APP.superuser(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE prescriptions SET expires_at = now() - interval '1 day' WHERE id = '" + old.path("id").asText() + "'");
        }
        Http.Response expired = dispense(pharmacist, old.path("id").asText(), line(old.path("items").get(0).path("id").asText(), 1, "A"));
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.json().path("detail").asText()).contains("expired");
    }

    @Test
    void dispensingTakesFromThePharmacysStockAndNeverBelowZero() throws Exception {
        String shifa = ai.healthflow.pharmacy.PharmacyFixtures.tenantId(APP, "El-Shifa Pharmacy");
        // a medicine of its own: the other tests dispense paracetamol without stock
        String stocked = medicine(http, Demo.OFFICER.login(http), "EG-RX8", "Stockol", "paracetamol", "650 mg", "tablet");
        String stockPath = "/api/v2/pharmacies/" + shifa + "/stock/" + stocked;
        Http.Response set = ai.healthflow.pharmacy.PharmacyFixtures.put(http, pharmacist, stockPath, "{\"quantity\":15,\"priceEgp\":24.50}");
        assertThat(set.status()).as(set.body()).isIn(200, 201);
        JsonNode first = issued(prescribe(patient(false), null, false, item(stocked, 10)));
        JsonNode second = issued(prescribe(patient(false), null, false, item(stocked, 10)));
        assertThat(dispense(pharmacist, first.path("id").asText(), line(first.path("items").get(0).path("id").asText(), 10, "S-1")).status())
                .isEqualTo(200);
        assertThat(APP.count("SELECT quantity FROM pharmacy_stock WHERE tenant_id = '" + shifa + "' AND medicine_id = '" + stocked + "'"))
                .isEqualTo(5);
        Http.Response tooFew = dispense(pharmacist, second.path("id").asText(), line(second.path("items").get(0).path("id").asText(), 10, "S-1"));
        assertThat(tooFew.status()).isEqualTo(409);
        assertThat(tooFew.json().path("detail").asText()).contains("5 in stock");
        assertThat(APP.count("SELECT quantity_dispensed FROM prescription_items WHERE id = '"
                + second.path("items").get(0).path("id").asText() + "'")).as("nothing half-written").isZero();
        assertThat(dispense(pharmacist, second.path("id").asText(), line(second.path("items").get(0).path("id").asText(), 5, "S-1")).status())
                .isEqualTo(200);
        assertThat(APP.count("SELECT quantity FROM pharmacy_stock WHERE tenant_id = '" + shifa + "' AND medicine_id = '" + stocked + "'"))
                .isZero();
    }
}
