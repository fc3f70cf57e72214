package ai.healthflow.pharmacy;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo pharmacies with the demo registry: profiles, stock for registry medicines, a realistic comparison. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmacyDemoIT {
    static final TestApp.Extension APP = TestApp.create(ConfigOverride.config("bootstrap.demoRegistry", "true"));

    @Test
    void fivePharmaciesAcrossEgyptWithStockForTheDemoRegistry() throws Exception {
        Http http = APP.http();
        String pharmacist = Demo.PHARMACIST.login(http);
        JsonNode all = http.getAs(pharmacist, "/api/v2/pharmacies?size=100").json().get("data");
        assertThat(all.findValuesAsText("governorate"))
                .containsExactlyInAnyOrder("Cairo", "Giza", "Dakahlia", "Luxor", "Alexandria");
        assertThat(all.findValuesAsText("cityEn")).contains("Mansoura");

        // the stock lines come from the file, for the pharmacist's own pharmacy too
        for (PharmacyDemo.Entry entry : PharmacyDemo.entries()) {
            assertThat(APP.count("SELECT count(*) FROM pharmacy_stock s JOIN tenants t ON t.id = s.tenant_id"
                    + " WHERE t.name_en = '" + entry.nameEn() + "'")).as(entry.nameEn()).isEqualTo(entry.stock().size());
        }
        String shifa = PharmacyFixtures.tenantId(APP, "El-Shifa Pharmacy");
        assertThat(http.getAs(pharmacist, "/api/v2/pharmacies/" + shifa + "/stock?size=100").json().at("/meta/total").asLong())
                .isEqualTo(11);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'pharmacy.created'")).isEqualTo(5);
    }

    @Test
    void augmentinAroundTahrirSquare() throws Exception {
        Http http = APP.http();
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        String augmentin;
        try (var db = APP.superuser(); var rows = db.createStatement()
                .executeQuery("SELECT id FROM medicines WHERE registration_no = 'EG-602053'")) {
            rows.next();
            augmentin = rows.getString(1);
        }

        JsonNode answer = http.getAs(doctor, "/api/v2/prices/compare/" + augmentin + "?lat=30.0444&lng=31.2357&radiusKm=15")
                .json().get("data");

        assertThat(answer.at("/medicine/registrationNo").asText()).isEqualTo("EG-602053");
        assertThat(answer.get("pharmacies").findValuesAsText("nameEn")).containsExactly("El-Haram Pharmacy", "El-Shifa Pharmacy");
        assertThat(answer.at("/cheapest/priceEgp").decimalValue()).isEqualByComparingTo("168");
        assertThat(answer.at("/summary/averagePriceEgp").decimalValue()).isEqualByComparingTo("171");
        assertThat(answer.get("cheaperEquivalents").findValuesAsText("tradeNameEn"))
                .isEqualTo(List.of("Hibiotic", "Amoclan", "Curam"));
    }
}
