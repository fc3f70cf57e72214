package ai.healthflow.identity;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Login is limited more strictly than the API; the API limit counts per user, not per shared address. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginRateLimitIT {
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("http.loginAttemptsPerMinute", "5"),
            ConfigOverride.config("http.rateLimitPerMinute", "20"));

    @Test
    void theSixthLoginAttemptOfAMinuteIs429() {
        Http http = APP.http();
        String wrong = "{\"email\":\"" + Demo.VIEWER.email + "\",\"password\":\"Not-the-password-1\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/api/v2/auth/login", wrong).status()).isEqualTo(401);
        }

        Http.Response limited = http.postJson("/api/v2/auth/login", wrong);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.json().get("type").asText()).endsWith("/rate-limited");
    }

    @Test
    void usersBehindOneAddressHaveTheirOwnBudget() {
        // logins go through the anonymous (address) budget: two of the five per minute
        var session = APP.http();
        String doctor = session.login(Demo.CAIRO_DOCTOR.email, Demo.CAIRO_DOCTOR.password);
        String nurse = session.login(Demo.CAIRO_NURSE.email, Demo.CAIRO_NURSE.password);
        for (int i = 0; i < 20; i++) {
            assertThat(session.getAs(doctor, "/api/v2/me").status()).isEqualTo(200);
        }

        assertThat(session.getAs(doctor, "/api/v2/me").status()).isEqualTo(429);
        assertThat(session.getAs(nurse, "/api/v2/me").status()).as("same address, other user").isEqualTo(200);
    }
}
