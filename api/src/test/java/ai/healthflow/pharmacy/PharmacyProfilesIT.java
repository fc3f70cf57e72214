package ai.healthflow.pharmacy;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static ai.healthflow.pharmacy.PharmacyFixtures.ALWAYS_OPEN;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LAT;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LNG;
import static ai.healthflow.pharmacy.PharmacyFixtures.profile;
import static ai.healthflow.pharmacy.PharmacyFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may write a pharmacy's profile, what is refused, and what the audit trail keeps. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmacyProfilesIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String admin;

    @BeforeEach
    void setUp() {
        http = APP.http();
        admin = Demo.SUPER_ADMIN.login(http);
    }

    String newPharmacyTenant(String name) {
        Http.Response tenant = http.postAs(admin, "/api/v2/tenants", """
                {"type":"pharmacy","nameEn":"%s","nameAr":"صيدلية اختبار"}""".formatted(name));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        return tenant.json().at("/data/id").asText();
    }

    @Test
    void thePlatformCreatesAndReplacesAProfileAndBothAreAudited() throws Exception {
        String id = newPharmacyTenant("Oasis Pharmacy");

        Http.Response created = put(http, admin, "/api/v2/pharmacies/" + id, profile(SIWA_LAT, SIWA_LNG, true, ALWAYS_OPEN)
                .replace("\"delivery\":true", "\"delivery\":true,\"rating\":4.5"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v2/pharmacies/" + id);
        JsonNode pharmacy = created.json().get("data");
        assertThat(pharmacy.get("nameEn").asText()).isEqualTo("Oasis Pharmacy");
        assertThat(pharmacy.get("governorate").asText()).isEqualTo("Matrouh"); // becomes the tenant's
        assertThat(pharmacy.get("rating").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(pharmacy.get("openNow").asBoolean()).isTrue();
        assertThat(http.getAs(admin, "/api/v2/tenants/" + id).json().at("/data/governorate").asText()).isEqualTo("Matrouh");

        Http.Response replaced = put(http, admin, "/api/v2/pharmacies/" + id,
                profile(SIWA_LAT, SIWA_LNG, false, ALWAYS_OPEN).replace("+20 46 460 1234", "+20 46 460 9999"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().at("/data/phone").asText()).isEqualTo("+20 46 460 9999");
        assertThat(replaced.json().at("/data/delivery").asBoolean()).isFalse();
        assertThat(replaced.json().at("/data/rating").decimalValue()).as("an absent rating is kept").isEqualByComparingTo("4.5");

        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'pharmacy.created' AND entity_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'pharmacy.updated' AND entity_id = '" + id
                + "' AND tenant_id = '" + id + "' AND changes LIKE '%phone%' AND changes LIKE '%delivery%'"
                + " AND changes NOT LIKE '%addressEn%' AND actor_email = '" + Demo.SUPER_ADMIN.email + "'")).isEqualTo(1);
        // the same profile again changes nothing and writes no record
        assertThat(put(http, admin, "/api/v2/pharmacies/" + id,
                profile(SIWA_LAT, SIWA_LNG, false, ALWAYS_OPEN).replace("+20 46 460 1234", "+20 46 460 9999")).status())
                .isEqualTo(200);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_type = 'pharmacy' AND entity_id = '" + id + "'"))
                .isEqualTo(2);
    }

    @Test
    void aPharmacysTenantAdminKeepsItsOwnProfileButNotItsRatingNorAnotherPharmacy() throws Exception {
        String id = newPharmacyTenant("Dune Pharmacy");
        String tenantAdmin = PharmacyFixtures.account(APP, http, id, "tenant_admin");
        String body = profile(SIWA_LAT + 0.01, SIWA_LNG, true, ALWAYS_OPEN);

        assertThat(put(http, tenantAdmin, "/api/v2/pharmacies/" + id, body).status()).isEqualTo(201);
        Http.Response rated = put(http, tenantAdmin, "/api/v2/pharmacies/" + id,
                body.replace("\"delivery\":true", "\"delivery\":true,\"rating\":5"));
        assertThat(rated.status()).isEqualTo(422);
        assertThat(rated.json().at("/errors/0/field").asText()).isEqualTo("rating");

        String shifa = PharmacyFixtures.tenantId(APP, "El-Shifa Pharmacy");
        Http.Response other = put(http, tenantAdmin, "/api/v2/pharmacies/" + shifa, body);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("type").asText()).endsWith("/forbidden");
        // a pharmacist keeps stock, not the profile; a hospital's admin has no pharmacy to keep
        assertThat(put(http, Demo.PHARMACIST.login(http), "/api/v2/pharmacies/" + shifa, body).status()).isEqualTo(403);
        String hospital = PharmacyFixtures.tenantId(APP, "Cairo General Hospital");
        assertThat(put(http, Demo.CAIRO_ADMIN.login(http), "/api/v2/pharmacies/" + hospital, body).status()).isEqualTo(404);
        assertThat(http.getAs(admin, "/api/v2/pharmacies/" + shifa).json().at("/data/latitude").asDouble())
                .as("untouched").isEqualTo(30.0478);
    }

    @Test
    void onlyPharmacyTenantsHaveProfiles() throws Exception {
        String body = profile(SIWA_LAT, SIWA_LNG, true, ALWAYS_OPEN);
        String hospital = PharmacyFixtures.tenantId(APP, "Cairo General Hospital");
        assertThat(put(http, admin, "/api/v2/pharmacies/" + hospital, body).status()).isEqualTo(404);
        assertThat(put(http, admin, "/api/v2/pharmacies/00000000-0000-0000-0000-0000000000ff", body).status()).isEqualTo(404);
        String chain = http.postAs(admin, "/api/v2/tenants", """
                {"type":"pharmacy_chain","nameEn":"Desert Chain","nameAr":"سلسلة الصحراء"}""").json().at("/data/id").asText();
        Http.Response saved = put(http, admin, "/api/v2/pharmacies/" + chain, body);
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().at("/data/type").asText()).isEqualTo("pharmacy_chain");
        // a pharmacy tenant without a profile is not in the directory yet
        String bare = newPharmacyTenant("Bare Pharmacy");
        assertThat(http.getAs(admin, "/api/v2/pharmacies/" + bare).status()).isEqualTo(404);
    }

    @Test
    void anInvalidProfileIs422ListingEveryField() throws Exception {
        String id = newPharmacyTenant("Faulty Pharmacy");
        Http.Response response = put(http, admin, "/api/v2/pharmacies/" + id, """
                {"addressEn":"","addressAr":"1 Test Street","cityEn":"Siwa","cityAr":"Siwa","governorate":"Atlantis",
                 "latitude":95,"longitude":25.5,"phone":"call us","delivery":true,"rating":5.5,
                 "openingHours":{"fri":[{"opens":"09:00","closes":"25:00"}]}}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("addressEn",
                "addressAr", "cityAr", "governorate", "latitude", "phone", "rating", "openingHours.fri[0].closes");
        assertThat(put(http, admin, "/api/v2/pharmacies/" + id, "{\"addressEn\":\"x\",\"owner\":\"me\"}").status())
                .isEqualTo(400);
        assertThat(put(http, admin, "/api/v2/pharmacies/" + id, profile(SIWA_LAT, SIWA_LNG, true, ALWAYS_OPEN)
                .replace("\"latitude\":" + SIWA_LAT, "\"latitude\":\"" + SIWA_LAT + "\"")).status()).isEqualTo(400);
        assertThat(APP.count("SELECT count(*) FROM pharmacies WHERE tenant_id = '" + id + "'")).isZero();
    }

    @Test
    void aSuspendedPharmacyLeavesTheDirectory() throws Exception {
        String id = newPharmacyTenant("Sleepy Pharmacy");
        assertThat(put(http, admin, "/api/v2/pharmacies/" + id, profile(SIWA_LAT, SIWA_LNG + 0.01, true, ALWAYS_OPEN))
                .status()).isEqualTo(201);
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        String near = "/api/v2/pharmacies/nearby?lat=" + SIWA_LAT + "&lng=" + (SIWA_LNG + 0.01) + "&radiusKm=0.1";
        assertThat(http.getAs(doctor, near).json().get("data").findValuesAsText("nameEn")).containsExactly("Sleepy Pharmacy");

        assertThat(http.patchAs(admin, "/api/v2/tenants/" + id, "{\"status\":\"suspended\"}").status()).isEqualTo(200);

        assertThat(http.getAs(doctor, near).json().get("data")).isEmpty();
        assertThat(http.getAs(doctor, "/api/v2/pharmacies/" + id).status()).isEqualTo(404);
        assertThat(http.getAs(admin, "/api/v2/pharmacies/" + id).status()).isEqualTo(200);
        assertThat(http.getAs(doctor, "/api/v2/pharmacies?q=Sleepy").json().get("data")).isEmpty();
    }
}
