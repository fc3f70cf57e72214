package ai.healthflow.tenant;

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
class TenantsIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String admin;

    @BeforeEach
    void setUp() {
        http = APP.http();
        admin = Demo.SUPER_ADMIN.login(http);
    }

    @Test
    void superAdminCreatesReadsAndRenamesATenant() {
        Http.Response created = http.postAs(admin, "/api/v2/tenants",
                "{\"type\":\"pharmacy\",\"nameEn\":\"Nile Pharmacy\",\"nameAr\":\"صيدلية النيل\",\"governorate\":\"Giza\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode tenant = created.json().get("data");
        assertThat(created.header("Location")).endsWith("/api/v2/tenants/" + tenant.get("id").asText());
        assertThat(tenant.get("status").asText()).isEqualTo("active");
        assertThat(tenant.get("nameAr").asText()).isEqualTo("صيدلية النيل");

        Http.Response renamed = http.patchAs(admin, "/api/v2/tenants/" + tenant.get("id").asText(),
                "{\"nameEn\":\"Nile Pharmacy Giza\"}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().at("/data/nameEn").asText()).isEqualTo("Nile Pharmacy Giza");
        assertThat(renamed.json().at("/data/nameAr").asText()).as("untouched").isEqualTo("صيدلية النيل");
        JsonNode list = http.getAs(admin, "/api/v2/tenants?type=pharmacy&sort=nameEn,asc").json();
        assertThat(list.get("data").findValuesAsText("nameEn")).contains("Nile Pharmacy Giza", "El-Shifa Pharmacy");
        // Nile and the five demo pharmacies (El-Shifa from the identity demo, four more from PharmacyDemo)
        assertThat(list.at("/meta/total").asLong()).isEqualTo(6);
    }

    @Test
    void clientsCannotSetIdsStatusOrTimestampsOnCreate() {
        for (String field : new String[]{"\"id\":\"00000000-0000-0000-0000-000000000009\"", "\"status\":\"active\"",
                "\"createdAt\":\"2020-01-01T00:00:00Z\""}) {
            Http.Response response = http.postAs(admin, "/api/v2/tenants",
                    "{\"type\":\"clinic\",\"nameEn\":\"Sneaky\",\"nameAr\":\"ماكر\"," + field + "}");
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.json().get("title").asText()).isEqualTo("Unknown field");
        }
    }

    @Test
    void invalidTenantsAreExplainedFieldByField() {
        Http.Response response = http.postAs(admin, "/api/v2/tenants", "{\"type\":\"spaceship\",\"nameEn\":\"\",\"nameAr\":\"x\"}");
        Http.Response governorate = http.postAs(admin, "/api/v2/tenants",
                "{\"type\":\"clinic\",\"nameEn\":\"Moon Clinic\",\"nameAr\":\"عيادة القمر\",\"governorate\":\"Atlantis\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("nameEn", "type");
        assertThat(governorate.status()).isEqualTo(422);
        assertThat(governorate.json().at("/errors/0/field").asText()).isEqualTo("governorate");
    }

    @Test
    void duplicateNamesConflict() {
        Http.Response response = http.postAs(admin, "/api/v2/tenants",
                "{\"type\":\"hospital\",\"nameEn\":\"cairo general hospital\",\"nameAr\":\"نسخة\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("nameEn");
    }

    @Test
    void suspendingATenantShutsItsUsersOutAndThePlatformTenantIsProtected() {
        String pharmacist = Demo.PHARMACIST.login(http);
        String pharmacyId = http.getAs(pharmacist, "/api/v2/me").json().at("/data/tenant/id").asText();

        Http.Response suspended = http.patchAs(admin, "/api/v2/tenants/" + pharmacyId, "{\"status\":\"suspended\"}");

        assertThat(suspended.status()).isEqualTo(200);
        assertThat(http.getAs(pharmacist, "/api/v2/me").status()).isEqualTo(401);
        assertThat(http.patchAs(admin, "/api/v2/tenants/" + PlatformTenant.ID, "{\"status\":\"suspended\"}").status())
                .isEqualTo(409);
        assertThat(http.patchAs(admin, "/api/v2/tenants/" + pharmacyId, "{\"status\":\"active\"}").status()).isEqualTo(200);
        assertThat(http.getAs(pharmacist, "/api/v2/me").status()).isEqualTo(200);
    }

    @Test
    void emptyPatchIsRefused() {
        assertThat(http.patchAs(admin, "/api/v2/tenants/" + PlatformTenant.ID, "{}").status()).isEqualTo(422);
    }
}
