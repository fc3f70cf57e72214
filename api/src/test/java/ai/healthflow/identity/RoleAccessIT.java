package ai.healthflow.identity;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each role against a representative endpoint it may use and one it may not. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoleAccessIT {
    static final TestApp.Extension APP = TestApp.create();

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource({
            "SUPER_ADMIN,  GET, /api/v2/tenants,          200",
            "SUPER_ADMIN,  GET, /health/detailed,         200",
            "SUPER_ADMIN,  GET, /api/v2/audit-logs,       200",
            "OFFICER,      GET, /api/v2/audit-logs,       200",
            "OFFICER,      GET, /api/v2/tenants,          403",
            "OFFICER,      GET, /api/v2/users,            403",
            "VIEWER,       GET, /api/v2/me,               200",
            "VIEWER,       GET, /api/v2/audit-logs,       403",
            "VIEWER,       GET, /api/v2/invitations,      403",
            "CAIRO_ADMIN,  GET, /api/v2/users,            200",
            "CAIRO_ADMIN,  GET, /api/v2/invitations,      200",
            "CAIRO_ADMIN,  GET, /api/v2/tenants,          403",
            "CAIRO_ADMIN,  GET, /health/detailed,         403",
            "CAIRO_DOCTOR, GET, /api/v2/roles,            200",
            "CAIRO_DOCTOR, GET, /api/v2/users,            403",
            "CAIRO_NURSE,  GET, /api/v2/me,               200",
            "CAIRO_NURSE,  GET, /api/v2/audit-logs,       403",
            "PHARMACIST,   GET, /api/v2/me,               200",
            "PHARMACIST,   GET, /api/v2/system/status,    403",
    })
    void roleMeetsEndpoint(Demo who, String method, String path, int expected) {
        Http http = APP.http();
        String token = who.login(http);

        Http.Response response = http.getAs(token, path.strip());

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected == 403) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0} may not create tenants")
    @CsvSource({"OFFICER", "CAIRO_ADMIN", "CAIRO_DOCTOR", "PHARMACIST", "VIEWER"})
    void onlyTheSuperAdminCreatesTenants(Demo who) {
        Http http = APP.http();
        Http.Response response = http.postAs(who.login(http), "/api/v2/tenants",
                "{\"type\":\"clinic\",\"nameEn\":\"Forbidden Clinic\",\"nameAr\":\"عيادة\"}");

        assertThat(response.status()).isEqualTo(403);
    }
}
