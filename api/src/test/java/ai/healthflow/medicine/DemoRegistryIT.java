package ai.healthflow.medicine;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled demo registry imports cleanly through the ordinary import path and is usable at once. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoRegistryIT {
    static final TestApp.Extension APP = TestApp.create(ConfigOverride.config("bootstrap.demoRegistry", "true"));

    @Test
    void everyDemoMedicineIsImportedWithItsIngredients() throws SQLException {
        try (Connection c = APP.superuser(); var s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM medicines")).isGreaterThanOrEqualTo(300);
            assertThat(count(s, "SELECT count(*) FROM medicines WHERE status = 'withdrawn'")).isPositive();
            assertThat(count(s, "SELECT count(*) FROM medicines m WHERE NOT EXISTS "
                    + "(SELECT 1 FROM medicine_ingredients i WHERE i.medicine_id = m.id)")).isZero();
            assertThat(count(s, "SELECT count(DISTINCT entity_id) FROM search_outbox"))
                    .isEqualTo(count(s, "SELECT count(*) FROM medicines"));
            assertThat(count(s, "SELECT count(*) FROM audit_log WHERE action = 'medicine.imported'")).isEqualTo(1);
        }
    }

    @Test
    void aDemoProductIsFoundByItsBarcodeAndFiltersWork() {
        Http http = APP.http();
        String doctor = Demo.CAIRO_DOCTOR.login(http);

        JsonNode page = http.getAs(doctor, "/api/v2/medicines?atc=N02BE&size=5&sort=tradeNameEn").json();
        String gtin = page.at("/data/0/gtin").asText();

        assertThat(page.at("/meta/total").asLong()).isPositive();
        assertThat(page.get("data").findValuesAsText("atcCode")).allMatch(code -> code.startsWith("N02BE"));
        assertThat(http.getAs(doctor, "/api/v2/medicines/barcode/" + gtin).json().at("/data/gtin").asText())
                .isEqualTo(gtin);
    }

    private static long count(java.sql.Statement s, String sql) throws SQLException {
        try (var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
