package ai.healthflow.pharmacy;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.healthflow.pharmacy.PharmacyFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stock and selling prices: written and read by the pharmacy's own pharmacists and tenant admin only (403 for
 * anyone else, including another pharmacy's staff), audited, and walled off by row-level security.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmacyStockIT {
    static final TestApp.Extension APP = TestApp.create();
    static final AtomicInteger NUMBER = new AtomicInteger(700);
    static String shifa;
    static String karnak;
    Http http;
    String pharmacist;
    String officer;

    @BeforeAll
    static void pharmacies() throws SQLException {
        shifa = PharmacyFixtures.tenantId(APP, "El-Shifa Pharmacy");
        karnak = PharmacyFixtures.tenantId(APP, "Karnak Pharmacy");
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        pharmacist = Demo.PHARMACIST.login(http);
        officer = Demo.OFFICER.login(http);
    }

    String newMedicine(String price) {
        int n = NUMBER.incrementAndGet();
        Http.Response created = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-S%d","tradeNameEn":"Stockin %d","tradeNameAr":"ستوكين %d",
                 "genericNameEn":"amoxicillin","genericNameAr":"أموكسيسيلين","strength":"500 mg",
                 "dosageForm":"capsule","route":"oral","manufacturer":"Pharco","priceEgp":%s}
                """.formatted(n, n, n, price));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    static String stock(int quantity, String price) {
        return "{\"quantity\":" + quantity + ",\"priceEgp\":" + price + "}";
    }

    @Test
    void aPharmacistSetsStockAndPriceWhichIsAuditedAndListed() throws Exception {
        String medicine = newMedicine("40");
        String path = "/api/v2/pharmacies/" + shifa + "/stock/" + medicine;

        Http.Response created = put(http, pharmacist, path, stock(12, "39.50"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode line = created.json().get("data");
        assertThat(line.get("quantity").asInt()).isEqualTo(12);
        assertThat(line.get("priceEgp").decimalValue()).isEqualByComparingTo("39.50");
        assertThat(line.get("officialPriceEgp").decimalValue()).isEqualByComparingTo("40");
        assertThat(line.get("aboveOfficialPrice").asBoolean()).isFalse();
        assertThat(line.get("tradeNameEn").asText()).startsWith("Stockin");

        Http.Response replaced = put(http, pharmacist, path, stock(0, "41"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().at("/data/aboveOfficialPrice").asBoolean()).as("flagged, not refused").isTrue();
        assertThat(put(http, pharmacist, path, stock(0, "41.00")).status()).isEqualTo(200); // no change

        String audited = "SELECT count(*) FROM audit_log WHERE action = 'pharmacy.stock_updated' AND entity_type = "
                + "'pharmacy_stock' AND entity_id = '" + medicine + "' AND tenant_id = '" + shifa + "' AND actor_email = '"
                + Demo.PHARMACIST.email + "'";
        assertThat(APP.count(audited)).as("created and changed; the unchanged repeat writes nothing").isEqualTo(2);
        assertThat(APP.count(audited + " AND changes LIKE '%\"priceEgp\":{\"from\":\"39.50\",\"to\":\"41.00\"}%'"
                + " AND changes LIKE '%\"quantity\":{\"from\":12,\"to\":0}%'")).isEqualTo(1);

        JsonNode list = http.getAs(pharmacist, "/api/v2/pharmacies/" + shifa + "/stock?inStock=false&sort=updatedAt,desc").json();
        assertThat(list.get("data").findValuesAsText("medicineId")).contains(medicine);
        String pharmacistId = http.getAs(pharmacist, "/api/v2/me").json().at("/data/id").asText();
        assertThat(list.at("/data/0/updatedBy").asText()).isEqualTo(pharmacistId);
        assertThat(http.getAs(pharmacist, "/api/v2/pharmacies/" + shifa + "/stock?inStock=true").json()
                .get("data").findValuesAsText("medicineId")).doesNotContain(medicine);
    }

    @Test
    void theTenantAdminOfThePharmacyMayToo() throws Exception {
        String tenantAdmin = PharmacyFixtures.account(APP, http, shifa, "tenant_admin");
        String medicine = newMedicine("12.25");

        assertThat(put(http, tenantAdmin, "/api/v2/pharmacies/" + shifa + "/stock/" + medicine, stock(3, "12.25"))
                .status()).isEqualTo(201);
        assertThat(http.getAs(tenantAdmin, "/api/v2/pharmacies/" + shifa + "/stock").status()).isEqualTo(200);
    }

    @Test
    void nobodyElseWritesOrReadsAPharmacysStock() throws Exception {
        String medicine = newMedicine("20");
        String path = "/api/v2/pharmacies/" + shifa + "/stock/" + medicine;
        String karnakPharmacist = PharmacyFixtures.account(APP, http, karnak, "pharmacist");

        // another pharmacy's pharmacist: 403 (pharmacies are public, so this reveals nothing), and its own works
        Http.Response foreign = put(http, karnakPharmacist, path, stock(5, "19"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("detail").asText()).contains("own staff");
        assertThat(http.getAs(karnakPharmacist, "/api/v2/pharmacies/" + shifa + "/stock").status()).isEqualTo(403);
        assertThat(put(http, karnakPharmacist, "/api/v2/pharmacies/" + karnak + "/stock/" + medicine, stock(5, "19"))
                .status()).isEqualTo(201);
        // roles without stock rights; a hospital's admin has the right but no pharmacy
        assertThat(put(http, Demo.CAIRO_DOCTOR.login(http), path, stock(5, "19")).status()).isEqualTo(403);
        assertThat(put(http, Demo.SUPER_ADMIN.login(http), path, stock(5, "19")).status()).isEqualTo(403);
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/pharmacies/" + shifa + "/stock").status()).isEqualTo(403);
        String hospitalAdmin = Demo.CAIRO_ADMIN.login(http);
        String hospital = PharmacyFixtures.tenantId(APP, "Cairo General Hospital");
        assertThat(put(http, hospitalAdmin, path, stock(5, "19")).status()).isEqualTo(403);
        assertThat(put(http, hospitalAdmin, "/api/v2/pharmacies/" + hospital + "/stock/" + medicine, stock(5, "19"))
                .status()).isEqualTo(404);
        assertThat(http.send(http.request(path, "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(stock(5, "19")))).status()).isEqualTo(401);

        assertThat(APP.count("SELECT count(*) FROM pharmacy_stock WHERE medicine_id = '" + medicine + "'"))
                .as("only Karnak's own line").isEqualTo(1);
    }

    @Test
    void badStockIsRefused() {
        String medicine = newMedicine("10");
        String path = "/api/v2/pharmacies/" + shifa + "/stock/" + medicine;

        Http.Response invalid = put(http, pharmacist, path, stock(-1, "0"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactly("quantity", "priceEgp");
        assertThat(put(http, pharmacist, path, stock(1, "1.005")).status()).isEqualTo(422);
        assertThat(put(http, pharmacist, path, "{\"quantity\":1.5,\"priceEgp\":2}").status()).isEqualTo(400);
        assertThat(put(http, pharmacist, path, "{\"quantity\":1,\"priceEgp\":2,\"updatedBy\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(put(http, pharmacist, "/api/v2/pharmacies/" + shifa + "/stock/00000000-0000-0000-0000-000000000bad",
                stock(1, "2")).status()).isEqualTo(404);
    }

    @Test
    void rowLevelSecurityKeepsEachPharmacysStockToItself() throws Exception {
        String medicine = newMedicine("30");
        assertThat(put(http, pharmacist, "/api/v2/pharmacies/" + shifa + "/stock/" + medicine, stock(7, "30"))
                .status()).isEqualTo(201);

        try (Connection db = APP.superuser(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SET ROLE healthflow_app");
            sql.execute("SELECT set_config('app.tenant_id', '" + karnak + "', true)");
            // a query that forgets its tenant filter still sees only Karnak's rows
            var rows = sql.executeQuery("SELECT count(*) FROM pharmacy_stock WHERE medicine_id = '" + medicine + "'");
            rows.next();
            assertThat(rows.getLong(1)).isZero();
            assertThatThrownBy(() -> sql.execute("INSERT INTO pharmacy_stock (tenant_id, medicine_id, quantity, price_egp) "
                    + "VALUES ('" + shifa + "', '" + medicine + "', 1, 1) ON CONFLICT DO NOTHING"))
                    .hasMessageContaining("row-level security");
            db.rollback();
        }
    }
}
