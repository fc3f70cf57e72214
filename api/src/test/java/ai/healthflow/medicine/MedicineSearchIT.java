package ai.healthflow.medicine;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Search through the API: fed by the outbox, fresh within moments of a committed change. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MedicineSearchIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    static String gtin(String body12) {
        return GtinTest.withCheckDigit(body12);
    }

    JsonNode search(String q) {
        Http.Response response = http.getAs(officer, "/api/v2/medicines/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode awaitHit(String q, String registrationNo) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode result = search(q);
            if (result.get("data").findValuesAsText("registrationNo").contains(registrationNo)) {
                return result;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(registrationNo + " not searchable for '" + q + "' within 5 s");
    }

    @Test
    void aRegisteredMedicineBecomesSearchableAndChangesFollow() throws InterruptedException {
        String body = """
                {"registrationNo":"EG-300001","tradeNameEn":"Cataflam","tradeNameAr":"كتافلام",
                 "genericNameEn":"diclofenac potassium","genericNameAr":"ديكلوفيناك بوتاسيوم","strength":"50 mg",
                 "dosageForm":"tablet","route":"oral","atcCode":"M01AB05","manufacturer":"Novartis",
                 "gtin":"%s","priceEgp":31.5}""".formatted(gtin("622300000001"));
        long created = System.nanoTime();
        String id = http.postAs(officer, "/api/v2/medicines", body).json().at("/data/id").asText();

        JsonNode result = awaitHit("كتافلام", "EG-300001");
        long freshnessMs = (System.nanoTime() - created) / 1_000_000;

        JsonNode hit = result.at("/data/0");
        assertThat(hit.at("/medicine/tradeNameEn").asText()).isEqualTo("Cataflam");
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(hit.at("/highlights/tradeNameAr").asText()).contains("<em>");
        assertThat(result.at("/meta/total").asLong()).isEqualTo(1);
        assertThat(result.at("/meta/facets/dosageForm/tablet").asInt()).isEqualTo(1);
        System.out.println("search freshness after create: " + freshnessMs + " ms");

        http.patchAs(officer, "/api/v2/medicines/" + id, "{\"tradeNameEn\":\"Cataflam Fast\"}");
        for (int i = 0; i < 100 && search("fast").get("data").isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(search("cataflam fast").at("/data/0/medicine/tradeNameEn").asText()).isEqualTo("Cataflam Fast");
        assertThat(search("katafalm").get("data").findValuesAsText("registrationNo")).as("typo").contains("EG-300001");
    }

    @Test
    void suggestionsAndValidation() throws InterruptedException {
        http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-300002","tradeNameEn":"Brufen","tradeNameAr":"بروفين","genericNameEn":"ibuprofen",
                 "genericNameAr":"ايبوبروفين","strength":"400 mg","dosageForm":"tablet","route":"oral",
                 "manufacturer":"Abbott"}""");
        awaitHit("brufen", "EG-300002");

        JsonNode suggestions = http.getAs(officer, "/api/v2/medicines/suggest?q=bru").json();

        assertThat(suggestions.get("data").findValuesAsText("")).isEmpty();
        assertThat(suggestions.get("data").get(0).asText()).isEqualTo("Brufen");
        for (String bad : new String[]{"", "%20%20", "x".repeat(201)}) {
            Http.Response response = http.getAs(officer, "/api/v2/medicines/search?q=" + bad);
            assertThat(response.status()).as("q=" + bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(http.getAs(officer, "/api/v2/medicines/search?q=a&limit=101").status()).isEqualTo(400);
        assertThat(http.getAs(officer, "/api/v2/medicines/search?q=" + URLEncoder.encode("brufen AND (*:*", StandardCharsets.UTF_8))
                .status()).as("query syntax is just text").isEqualTo(200);
        assertThat(http.getAs(Demo.CAIRO_NURSE.login(http), "/api/v2/medicines/suggest?q=bru").status()).isEqualTo(200);
        assertThat(http.get("/api/v2/medicines/search?q=bru").status()).isEqualTo(401);
    }

    @Test
    void aChangeCommittedAfterALaterNumberedOneIsStillIndexed() throws Exception {
        try (java.sql.Connection slow = APP.superuser()) {
            slow.setAutoCommit(false);
            try (var insert = slow.createStatement()) { // numbered first in the outbox, committed last
                insert.execute("""
                        WITH m AS (
                            INSERT INTO medicines (registration_no, trade_name_en, trade_name_ar, generic_name_en,
                                                   generic_name_ar, dosage_form, route, manufacturer)
                            VALUES ('EG-399001', 'Latecommit', 'لاتكوميت', 'ibuprofen', 'ايبوبروفين', 'tablet', 'oral', 'Pharco')
                            RETURNING id)
                        INSERT INTO search_outbox (entity_type, entity_id, operation) SELECT 'medicine', id, 'upsert' FROM m
                        """);
            }
            String body = """
                    {"registrationNo":"EG-399002","tradeNameEn":"Earlycommit","tradeNameAr":"ارليكوميت",
                     "genericNameEn":"ibuprofen","genericNameAr":"ايبوبروفين","dosageForm":"tablet","route":"oral",
                     "manufacturer":"Pharco"}""";
            assertThat(http.postAs(officer, "/api/v2/medicines", body).status()).isEqualTo(201);
            // the indexer polls every 200 ms: reading by number alone, it would now move past the open row for good
            Thread.sleep(600);
            slow.commit();
        }
        awaitHit("earlycommit", "EG-399002");
        awaitHit("latecommit", "EG-399001");
    }
}
