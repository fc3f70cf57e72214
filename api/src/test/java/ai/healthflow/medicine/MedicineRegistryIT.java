package ai.healthflow.medicine;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class MedicineRegistryIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    static String medicine(String registrationNo, String gtin, String price) {
        return """
                {"registrationNo":"%s","tradeNameEn":"Augmentin","tradeNameAr":"أوجمنتين",
                 "genericNameEn":"amoxicillin + clavulanic acid","genericNameAr":"أموكسيسيلين + حمض الكلافيولانيك",
                 "strength":"1 g","dosageForm":"film-coated tablet","route":"oral","atcCode":"J01CR02",
                 "manufacturer":"GSK","gtin":"%s","priceEgp":%s}""".formatted(registrationNo, gtin, price);
    }

    static String gtin(String body12) {
        return GtinTest.withCheckDigit(body12);
    }

    @Test
    void theRegulatorRegistersAMedicineWithItsIngredients() throws SQLException {
        Http.Response created = http.postAs(officer, "/api/v2/medicines", medicine("EG-100001", gtin("622100000001"), "118.50"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(data.get("status").asText()).isEqualTo("registered");
        assertThat(data.get("ingredients").findValuesAsText("nameEn")).containsExactly("amoxicillin", "clavulanic acid");
        assertThat(data.get("ingredients").findValuesAsText("nameAr")).containsExactly("أموكسيسيلين", "حمض الكلافيولانيك");
        assertThat(data.get("priceEgp").decimalValue()).isEqualByComparingTo("118.50");
        assertThat(data.get("priceHistory")).hasSize(1);
        assertThat(outboxRows(data.get("id").asText())).isEqualTo(1);

        String id = data.get("id").asText();
        assertThat(http.getAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/medicines/" + id).status()).isEqualTo(200);
        assertThat(http.getAs(officer, "/api/v2/medicines/barcode/" + gtin("622100000001")).json().at("/data/id").asText())
                .isEqualTo(id);
    }

    @Test
    void aPriceChangeIsKeptInHistoryAndAudited() throws SQLException {
        String id = http.postAs(officer, "/api/v2/medicines", medicine("EG-100002", gtin("622100000002"), "40.00"))
                .json().at("/data/id").asText();

        Http.Response changed = http.patchAs(officer, "/api/v2/medicines/" + id, "{\"priceEgp\":46.75}");

        assertThat(changed.status()).isEqualTo(200);
        JsonNode history = changed.json().at("/data/priceHistory");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("priceEgp").decimalValue()).isEqualByComparingTo("46.75");
        assertThat(http.patchAs(officer, "/api/v2/medicines/" + id, "{\"priceEgp\":46.750}").json()
                .at("/data/priceHistory")).as("same price, no new point").hasSize(2);
        try (Connection c = APP.superuser(); var rows = c.createStatement().executeQuery(
                "SELECT changes FROM audit_log WHERE action = 'medicine.updated' AND entity_id = '" + id + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("{\"priceEgp\":{\"from\":\"40\",\"to\":\"46.75\"}}");
        }
        assertThat(outboxRows(id)).isEqualTo(2);
    }

    @Test
    void everyInvalidFieldIsListed() {
        Http.Response response = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG 1","tradeNameEn":"X","tradeNameAr":"Panadol","genericNameEn":"paracetamol",
                 "genericNameAr":"باراسيتامول","dosageForm":"pill","route":"mouth","atcCode":"N2BE01",
                 "manufacturer":"GSK","gtin":"4006381333932","priceEgp":-1,"status":"banned"}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "registrationNo", "tradeNameAr", "dosageForm", "route", "atcCode", "gtin", "priceEgp", "status");
    }

    @Test
    void duplicatesConflictAndNothingIsHalfWritten() throws SQLException {
        http.postAs(officer, "/api/v2/medicines", medicine("EG-100003", gtin("622100000003"), "10"));
        long before = APP.count("SELECT count(*) FROM medicines");

        Http.Response sameNumber = http.postAs(officer, "/api/v2/medicines", medicine("eg-100003", gtin("622100000004"), "10"));
        Http.Response sameBarcode = http.postAs(officer, "/api/v2/medicines", medicine("EG-100004", gtin("622100000003"), "10"));

        assertThat(sameNumber.status()).isEqualTo(409);
        assertThat(sameBarcode.status()).isEqualTo(409);
        assertThat(APP.count("SELECT count(*) FROM medicines")).isEqualTo(before);
    }

    @Test
    void onlyTheRegulatorWrites() {
        for (Demo who : new Demo[]{Demo.CAIRO_DOCTOR, Demo.PHARMACIST, Demo.VIEWER, Demo.CAIRO_ADMIN}) {
            assertThat(http.postAs(who.login(http), "/api/v2/medicines", medicine("EG-1999", gtin("622100000099"), "1"))
                    .status()).as(who.name()).isEqualTo(403);
        }
        assertThat(http.getAs(Demo.CAIRO_ADMIN.login(http), "/api/v2/medicines").status()).isEqualTo(200);
    }

    @Test
    void listFiltersByStatusFormAndAtcPrefix() {
        http.postAs(officer, "/api/v2/medicines", medicine("EG-100010", gtin("622100000010"), "10"));
        http.postAs(officer, "/api/v2/medicines", medicine("EG-100011", gtin("622100000011"), "10")
                .replace("\"oral\"", "\"oral\",\"status\":\"withdrawn\""));

        JsonNode j01 = http.getAs(officer, "/api/v2/medicines?atc=j01c&status=withdrawn").json();

        assertThat(j01.get("data").findValuesAsText("registrationNo")).containsExactly("EG-100011");
        assertThat(http.getAs(officer, "/api/v2/medicines/barcode/123").status()).isEqualTo(422);
        assertThat(http.getAs(officer, "/api/v2/medicines/barcode/" + gtin("622199999999")).status()).isEqualTo(404);
    }

    private long outboxRows(String id) throws SQLException {
        return APP.count("SELECT count(*) FROM search_outbox WHERE entity_id = '" + id + "'");
    }

}
