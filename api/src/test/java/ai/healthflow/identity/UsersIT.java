package ai.healthflow.identity;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class UsersIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String cairoAdmin;

    @BeforeEach
    void setUp() {
        http = APP.http();
        cairoAdmin = Demo.CAIRO_ADMIN.login(http);
    }

    String idOf(Demo who) {
        return http.session(who.email, who.password).at("/user/id").asText();
    }

    @Test
    void superAdminListsEveryUserWithPagination() {
        String admin = Demo.SUPER_ADMIN.login(http);

        JsonNode page1 = http.getAs(admin, "/api/v2/users?size=3&sort=email,asc").json();
        JsonNode page3 = http.getAs(admin, "/api/v2/users?size=3&page=3&sort=email,asc").json();

        assertThat(page1.at("/meta/total").asLong()).isEqualTo(8);
        assertThat(page1.at("/meta/totalPages").asLong()).isEqualTo(3);
        assertThat(page1.get("data")).hasSize(3);
        assertThat(page1.at("/data/0/email").asText()).isEqualTo("admin@cairo-general.demo");
        assertThat(page3.get("data")).hasSize(2);
        assertThat(page1.toString()).doesNotContain("password", "argon2");
    }

    @Test
    void listFiltersByRoleAndText() {
        JsonNode doctors = http.getAs(cairoAdmin, "/api/v2/users?role=doctor").json();
        JsonNode byName = http.getAs(cairoAdmin, "/api/v2/users?q=sara").json();

        assertThat(doctors.get("data").findValuesAsText("email")).containsExactly(Demo.CAIRO_DOCTOR.email);
        assertThat(byName.get("data").findValuesAsText("email")).containsExactly(Demo.CAIRO_NURSE.email);
    }

    @Test
    void badListParametersAre400() {
        assertThat(http.getAs(cairoAdmin, "/api/v2/users?size=500").status()).isEqualTo(400);
        assertThat(http.getAs(cairoAdmin, "/api/v2/users?sort=password_hash").status()).isEqualTo(400);
        assertThat(http.getAs(cairoAdmin, "/api/v2/users?sort=passwordHash").json().at("/errors/0/field").asText())
                .isEqualTo("sort");
    }

    @Test
    void providersCarryALicenceNumberAndSpecialty() throws Exception {
        String doctorId = idOf(Demo.CAIRO_DOCTOR);
        Http.Response set = http.patchAs(cairoAdmin, "/api/v2/users/" + doctorId,
                "{\"licenseNumber\":\"EMS-45821\",\"specialty\":\"Cardiology\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().at("/data/licenseNumber").asText()).isEqualTo("EMS-45821");
        assertThat(set.json().at("/data/specialty").asText()).isEqualTo("Cardiology");
        assertThat(http.getAs(cairoAdmin, "/api/v2/users/" + doctorId).json().at("/data/specialty").asText()).isEqualTo("Cardiology");
        Http.Response bad = http.patchAs(cairoAdmin, "/api/v2/users/" + doctorId, "{\"licenseNumber\":\"x\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("licenseNumber");
        assertThat(http.patchAs(cairoAdmin, "/api/v2/users/" + doctorId, "{\"specialty\":\"\"}").json()
                .at("/data/specialty").isNull()).isTrue();
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'user.updated' AND entity_id = '" + doctorId
                + "' AND changes::text LIKE '%EMS-45821%'")).isEqualTo(1);
    }

    @Test
    void tenantAdminChangesARoleWithinTheirRank() {
        String nurseId = idOf(Demo.CAIRO_NURSE);

        Http.Response promoted = http.patchAs(cairoAdmin, "/api/v2/users/" + nurseId, "{\"role\":\"doctor\"}");
        Http.Response tooHigh = http.patchAs(cairoAdmin, "/api/v2/users/" + nurseId, "{\"role\":\"eda_officer\"}");
        Http.Response unknown = http.patchAs(cairoAdmin, "/api/v2/users/" + nurseId, "{\"role\":\"wizard\"}");

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().at("/data/memberships/0/role").asText()).isEqualTo("doctor");
        assertThat(http.getAs(Demo.CAIRO_NURSE.login(http), "/api/v2/me").json().at("/data/roles/0").asText())
                .isEqualTo("doctor");
        assertThat(tooHigh.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(422);
        http.patchAs(cairoAdmin, "/api/v2/users/" + nurseId, "{\"role\":\"nurse\"}");
    }

    @Test
    void nobodyChangesTheirOwnRoleOrStatus() {
        String self = idOf(Demo.CAIRO_ADMIN);

        Http.Response response = http.patchAs(cairoAdmin, "/api/v2/users/" + self, "{\"status\":\"disabled\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(http.patchAs(cairoAdmin, "/api/v2/users/" + self, "{\"name\":\"Hala M.\"}").status())
                .as("the name is fine").isEqualTo(200);
    }

    @Test
    void aTenantAdminCannotManageASuperAdmin() {
        String admin = Demo.SUPER_ADMIN.login(http);
        String superAdminId = idOf(Demo.SUPER_ADMIN);
        String cairoTenant = http.getAs(cairoAdmin, "/api/v2/me").json().at("/data/tenant/id").asText();
        // give the super admin a membership in Cairo as well, as the platform operator might
        try (var c = APP.superuser()) {
            c.createStatement().execute("INSERT INTO memberships (user_id, tenant_id, role) VALUES ('"
                    + superAdminId + "', '" + cairoTenant + "', 'super_admin')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        Http.Response response = http.patchAs(cairoAdmin, "/api/v2/users/" + superAdminId, "{\"status\":\"disabled\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(http.getAs(admin, "/api/v2/me").status()).isEqualTo(200);
    }

    @Test
    void rolesAreListedHighestFirst() {
        JsonNode roles = http.getAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/roles").json().get("data");

        assertThat(roles.findValuesAsText("name")).startsWith("super_admin", "eda_officer", "tenant_admin")
                .contains("doctor", "pharmacist", "nurse", "viewer").hasSize(7);
        assertThat(roles.get(0).get("permissions").toString()).contains("system:*");
    }
}
