package ai.healthflow.identity;

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

/** Another tenant's objects do not exist for the caller (404, never 403, never data), and the database agrees. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TenantIsolationIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String cairoAdmin;
    String alexDoctorId;
    String alexTenantId;

    @BeforeEach
    void setUp() {
        http = APP.http();
        cairoAdmin = Demo.CAIRO_ADMIN.login(http);
        JsonNode alexDoctor = http.session(Demo.ALEX_DOCTOR.email, Demo.ALEX_DOCTOR.password).get("user");
        alexDoctorId = alexDoctor.get("id").asText();
        alexTenantId = alexDoctor.at("/tenant/id").asText();
    }

    @Test
    void anotherTenantIsNotFound() {
        assertNotFound(http.getAs(cairoAdmin, "/api/v2/tenants/" + alexTenantId));
    }

    @Test
    void ownTenantIsReadable() {
        JsonNode me = http.getAs(cairoAdmin, "/api/v2/me").json().get("data");

        Http.Response own = http.getAs(cairoAdmin, "/api/v2/tenants/" + me.at("/tenant/id").asText());

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().at("/data/nameEn").asText()).isEqualTo("Cairo General Hospital");
    }

    @Test
    void anotherTenantsUserIsNotFoundForReadingOrChanging() {
        assertNotFound(http.getAs(cairoAdmin, "/api/v2/users/" + alexDoctorId));
        assertNotFound(http.patchAs(cairoAdmin, "/api/v2/users/" + alexDoctorId, "{\"status\":\"disabled\"}"));
        assertThat(http.login(Demo.ALEX_DOCTOR.email, Demo.ALEX_DOCTOR.password)).as("untouched").isNotBlank();
    }

    @Test
    void userListHoldsOnlyTheCallersTenant() {
        JsonNode users = http.getAs(cairoAdmin, "/api/v2/users?size=100").json();

        assertThat(users.get("data").findValuesAsText("email"))
                .contains(Demo.CAIRO_DOCTOR.email, Demo.CAIRO_NURSE.email, Demo.CAIRO_ADMIN.email)
                .doesNotContain(Demo.ALEX_DOCTOR.email, Demo.OFFICER.email, Demo.SUPER_ADMIN.email);
        assertThat(users.get("data").findValuesAsText("tenantName")).containsOnly("Cairo General Hospital");
        assertThat(users.at("/meta/total").asLong()).isEqualTo(3);
    }

    @Test
    void anotherTenantsInvitationsAreInvisible() {
        String alexAdminInvites = http.postAs(Demo.SUPER_ADMIN.login(http), "/api/v2/invitations",
                "{\"email\":\"new.doctor@alex.example\",\"role\":\"doctor\",\"tenantId\":\"" + alexTenantId + "\"}")
                .json().at("/data/id").asText();

        JsonNode cairoList = http.getAs(cairoAdmin, "/api/v2/invitations").json();

        assertThat(alexAdminInvites).isNotBlank();
        assertThat(cairoList.get("data").findValuesAsText("id")).doesNotContain(alexAdminInvites);
        assertNotFound(http.getAs(cairoAdmin, "/api/v2/invitations/" + alexAdminInvites));
    }

    @Test
    void regulatorWithAGlobalPermissionReadsAcrossTenants() {
        String admin = Demo.SUPER_ADMIN.login(http);

        assertThat(http.getAs(admin, "/api/v2/users/" + alexDoctorId).status()).isEqualTo(200);
        assertThat(http.getAs(admin, "/api/v2/tenants/" + alexTenantId).status()).isEqualTo(200);
    }

    @Test
    void rowLevelSecurityHidesOtherTenantsEvenFromAQueryWithoutFilter() throws SQLException {
        try (Connection connection = APP.superuser(); var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE healthflow_app");
            assertThat(count(statement, "SELECT count(*) FROM memberships")).as("no scope: nothing").isZero();
            assertThat(count(statement, "SELECT count(*) FROM tenants")).isZero();

            statement.execute("SELECT set_config('app.tenant_id', '" + alexTenantId + "', true)");
            assertThat(count(statement, "SELECT count(*) FROM memberships")).isEqualTo(1);
            assertThat(count(statement, "SELECT count(*) FROM tenants")).isEqualTo(1);
            assertThat(count(statement, "SELECT count(*) FROM memberships WHERE tenant_id <> '" + alexTenantId + "'"))
                    .isZero();

            statement.execute("SELECT set_config('app.tenant_id', '', true), set_config('app.all_tenants', 'on', true)");
            assertThat(count(statement, "SELECT count(*) FROM memberships")).isGreaterThanOrEqualTo(8);
            connection.rollback();
        }
    }

    @Test
    void rowLevelSecurityRefusesWritingIntoAnotherTenant() throws SQLException {
        try (Connection connection = APP.superuser(); var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE healthflow_app");
            statement.execute("SELECT set_config('app.tenant_id', '" + alexTenantId + "', true)");
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                    statement.execute("INSERT INTO memberships (user_id, tenant_id, role) SELECT id, "
                            + "'00000000-0000-0000-0000-000000000001', 'viewer' FROM users LIMIT 1"));
            assertThat(thrown).isNotNull();
            assertThat(thrown.getMessage()).contains("row-level security");
            connection.rollback();
        }
    }

    private static long count(java.sql.Statement statement, String sql) throws SQLException {
        try (var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertNotFound(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Alexandria");
    }
}
