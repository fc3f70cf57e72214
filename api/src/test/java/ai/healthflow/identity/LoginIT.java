package ai.healthflow.identity;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class LoginIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    @Test
    void bootstrapSuperAdminLogsInAndSeesAllPermissions() {
        Http.Response response = http.postJson("/api/v2/auth/login",
                "{\"email\":\"ADMIN@healthflow.ai\",\"password\":\"Admin123!\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.get("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(data.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(data.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(data.at("/user/email").asText()).isEqualTo("admin@healthflow.ai");
        assertThat(data.at("/user/roles/0").asText()).isEqualTo("super_admin");
        assertThat(data.at("/user/permissions").toString()).contains("system:*", "audit:*");
    }

    @Test
    void meShowsTheCallersTenantRoleAndPermissions() {
        String token = http.login("doctor@cairo-general.demo", "Doctor123!");

        Http.Response response = http.get("/api/v2/me", "Authorization", Http.bearer(token));

        assertThat(response.status()).isEqualTo(200);
        JsonNode me = response.json().get("data");
        assertThat(me.get("email").asText()).isEqualTo("doctor@cairo-general.demo");
        assertThat(me.at("/tenant/name").asText()).isEqualTo("Cairo General Hospital");
        assertThat(me.at("/roles/0").asText()).isEqualTo("doctor");
        assertThat(me.get("permissions").toString()).contains("prescriptions:*").doesNotContain("system");
        assertThat(response.json().get("success").asBoolean()).isTrue();
        assertThat(response.json().get("meta").isObject()).isTrue();
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Http.Response wrongPassword = http.postJson("/api/v2/auth/login",
                "{\"email\":\"admin@healthflow.ai\",\"password\":\"Wrong-password-1\"}");
        Http.Response unknownEmail = http.postJson("/api/v2/auth/login",
                "{\"email\":\"nobody@healthflow.ai\",\"password\":\"Wrong-password-1\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(without(wrongPassword.json())).isEqualTo(without(unknownEmail.json()));
    }

    private static JsonNode without(JsonNode problem) {
        var copy = problem.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("requestId");
        return copy;
    }

    @Test
    void forgedTokensAreRefusedAndAudited() throws java.sql.SQLException {
        String token = http.login("viewer@eda.demo", "Viewer123!");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        var b64 = Base64.getUrlEncoder().withoutPadding();

        String algNone = b64.encodeToString(header.replace("HS256", "none").getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String tamperedPayload = parts[0] + "." + b64.encodeToString(payload.replace("}", ",\"x\":1}")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String wrongSignature = parts[0] + "." + parts[1] + "." + b64.encodeToString(new byte[32]);

        for (String forged : new String[]{algNone, tamperedPayload, wrongSignature, "garbage", ""}) {
            Http.Response response = http.get("/api/v2/me", "Authorization", Http.bearer(forged));
            assertThat(response.status()).as(forged).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/v2/me", "Authorization", Http.bearer(token)).status()).isEqualTo(200);
        // a forged token is a security event: audited with its source ("" is no token at all)
        try (var c = APP.superuser(); var rows = c.createStatement().executeQuery(
                "SELECT count(*), min(ip) FROM audit_log WHERE action = 'auth.token_rejected'")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(4);
            assertThat(rows.getString(2)).isNotBlank();
        }
    }
}
