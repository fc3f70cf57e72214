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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh-token rotation and reuse detection, logout, disabling, lockout. Each test uses its own demo user. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthFlowIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    Http.Response refresh(String refreshToken) {
        return http.postJson("/api/v2/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    @Test
    void refreshRotatesBothTokens() {
        JsonNode session = http.session(Demo.VIEWER.email, Demo.VIEWER.password);

        Http.Response refreshed = refresh(session.get("refreshToken").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode next = refreshed.json().get("data");
        assertThat(next.get("refreshToken").asText()).isNotEqualTo(session.get("refreshToken").asText());
        assertThat(next.get("token").asText()).isNotEqualTo(session.get("token").asText());
        assertThat(next.at("/user/email").asText()).isEqualTo(Demo.VIEWER.email);
        assertThat(http.getAs(next.get("token").asText(), "/api/v2/me").status()).isEqualTo(200);
        assertThat(refresh(next.get("refreshToken").asText()).status()).as("the new one works once").isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() throws SQLException {
        JsonNode session = http.session(Demo.PHARMACIST.email, Demo.PHARMACIST.password);
        String first = session.get("refreshToken").asText();
        String second = refresh(first).json().at("/data/refreshToken").asText();

        Http.Response reuse = refresh(first);

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().get("type").asText()).endsWith("/invalid-refresh-token");
        assertThat(refresh(second).status()).as("the thief's copy and the user's both die").isEqualTo(401);
        assertThat(auditCount("auth.refresh_token_reused")).isEqualTo(1);
    }

    @Test
    void unknownOrMalformedRefreshTokensAre401Or422() {
        assertThat(refresh("not-a-real-token").status()).isEqualTo(401);
        assertThat(http.postJson("/api/v2/auth/refresh", "{\"refreshToken\":\"\"}").status()).isEqualTo(422);
    }

    @Test
    void logoutStopsTheAccessTokenAndTheRefreshToken() {
        JsonNode session = http.session(Demo.CAIRO_NURSE.email, Demo.CAIRO_NURSE.password);
        String token = session.get("token").asText();

        Http.Response logout = http.postAs(token, "/api/v2/auth/logout",
                "{\"refreshToken\":\"" + session.get("refreshToken").asText() + "\"}");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(http.getAs(token, "/api/v2/me").status()).isEqualTo(401);
        assertThat(refresh(session.get("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(http.login(Demo.CAIRO_NURSE.email, Demo.CAIRO_NURSE.password)).as("can sign in again").isNotBlank();
    }

    @Test
    void disablingAUserEndsTheirSessionsAtOnce() {
        JsonNode session = http.session(Demo.CAIRO_DOCTOR.email, Demo.CAIRO_DOCTOR.password);
        String doctorId = session.at("/user/id").asText();
        String admin = Demo.CAIRO_ADMIN.login(http);

        Http.Response disable = http.patchAs(admin, "/api/v2/users/" + doctorId, "{\"status\":\"disabled\"}");

        assertThat(disable.status()).isEqualTo(200);
        assertThat(disable.json().at("/data/status").asText()).isEqualTo("disabled");
        assertThat(http.getAs(session.get("token").asText(), "/api/v2/me").status()).isEqualTo(401);
        assertThat(refresh(session.get("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v2/auth/login", "{\"email\":\"" + Demo.CAIRO_DOCTOR.email
                + "\",\"password\":\"" + Demo.CAIRO_DOCTOR.password + "\"}").status()).isEqualTo(401);

        assertThat(http.patchAs(admin, "/api/v2/users/" + doctorId, "{\"status\":\"active\"}").status()).isEqualTo(200);
        assertThat(http.login(Demo.CAIRO_DOCTOR.email, Demo.CAIRO_DOCTOR.password)).isNotBlank();
    }

    @Test
    void repeatedFailuresLockTheAccountVisiblyAndAudited() throws SQLException {
        String wrong = "{\"email\":\"" + Demo.OFFICER.email + "\",\"password\":\"Not-the-password-1\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/api/v2/auth/login", wrong).status()).isEqualTo(401);
        }

        Http.Response rightPassword = http.postJson("/api/v2/auth/login",
                "{\"email\":\"" + Demo.OFFICER.email + "\",\"password\":\"" + Demo.OFFICER.password + "\"}");

        assertThat(rightPassword.status()).as("locked, same answer as a wrong password").isEqualTo(401);
        assertThat(rightPassword.json().get("type").asText()).endsWith("/invalid-credentials");
        String admin = Demo.SUPER_ADMIN.login(http);
        JsonNode officer = http.getAs(admin, "/api/v2/users?q=officer@eda.demo").json().at("/data/0");
        assertThat(officer.get("failedLogins").asInt()).isEqualTo(5);
        assertThat(Instant.parse(officer.get("lockedUntil").asText())).isAfter(Instant.now());
        assertThat(auditCount("auth.account_locked")).isEqualTo(1);
        assertThat(auditCount("auth.login_failed")).isGreaterThanOrEqualTo(6);

        Http.Response unlock = http.patchAs(admin, "/api/v2/users/" + officer.get("id").asText(), "{\"unlock\":true}");

        assertThat(unlock.status()).isEqualTo(200);
        assertThat(unlock.json().at("/data/lockedUntil").isNull()).isTrue();
        assertThat(http.login(Demo.OFFICER.email, Demo.OFFICER.password)).isNotBlank();
    }

    @Test
    void lockGrowsWithEachFurtherFailure() {
        assertThat(AuthService.lockDuration(0)).hasMinutes(1);
        assertThat(AuthService.lockDuration(1)).hasMinutes(2);
        assertThat(AuthService.lockDuration(3)).hasMinutes(8);
        assertThat(AuthService.lockDuration(40)).hasHours(24);
    }

    private long auditCount(String action) throws SQLException {
        try (Connection c = APP.superuser();
             var statement = c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ?")) {
            statement.setString(1, action);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
