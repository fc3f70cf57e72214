package ai.healthflow.adverseevent;

import ai.healthflow.testing.Http;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Report bodies for tests, starting from a complete valid one, and registry medicines to report on. */
final class Reports {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger REGISTRATION = new AtomicInteger();

    private Reports() {
    }

    /** A valid serious report: MA, 54, female; one suspect and one concomitant medicine; one rash. */
    static ObjectNode report(String suspectId, String concomitantId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("patient").put("initials", "MA").put("ageYears", 54).put("sex", "female").put("weightKg", 70);
        ObjectNode suspect = body.putArray("suspectMedicines").addObject();
        suspect.put("medicineId", suspectId).put("batchNumber", "L2301").put("dose", "500 mg").put("route", "oral")
                .put("startDate", "2026-10-01").putNull("stopDate");
        suspect.put("actionTaken", "withdrawn");
        ArrayNode concomitant = body.putArray("concomitantMedicines");
        if (concomitantId != null) {
            concomitant.addObject().put("medicineId", concomitantId);
        }
        body.putArray("reactions").addObject().put("term", "Rash").put("meddraCode", "10037844")
                .put("onsetDate", "2026-10-03").put("outcome", "recovering");
        ObjectNode seriousness = body.putObject("seriousness").put("serious", true);
        seriousness.putArray("criteria").add("hospitalisation");
        body.put("narrative", "Generalised rash three days after starting the course; admitted for observation.");
        return body;
    }

    static ObjectNode notSerious(ObjectNode report) {
        ObjectNode seriousness = report.putObject("seriousness").put("serious", false);
        seriousness.putArray("criteria");
        return report;
    }

    /** Registers a medicine as the regulator and returns its id; generic names joined by " + " are its ingredients. */
    static String medicine(Http http, String officer, String tradeName, String genericNameEn, String genericNameAr) {
        String body = """
                {"registrationNo":"AE-%d","tradeNameEn":"%s","tradeNameAr":"دواء","genericNameEn":"%s",
                 "genericNameAr":"%s","strength":"500 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco"}"""
                .formatted(REGISTRATION.incrementAndGet(), tradeName, genericNameEn, genericNameAr);
        Http.Response created = http.postAs(officer, "/api/v2/medicines", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    static Http.Response submit(Http http, String token, ObjectNode report) {
        return http.postAs(token, "/api/v2/adverse-events", report.toString());
    }

    static String submitted(Http http, String token, ObjectNode report) {
        Http.Response response = submit(http, token, report);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().at("/data/id").asText();
    }
}
