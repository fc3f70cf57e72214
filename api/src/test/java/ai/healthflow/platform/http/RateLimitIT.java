package ai.healthflow.platform.http;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    static final TestApp.Extension APP =
            TestApp.create(ConfigOverride.config("http.rateLimitPerMinute", "100"));

    @Test
    void theHundredAndFirstRequestInAMinuteIs429WithRetryAfter() {
        var http = APP.http();
        for (int i = 1; i <= 100; i++) {
            Http.Response response = http.get("/api/v2/openapi.json");
            assertThat(response.status()).as("request %d", i).isEqualTo(200);
            assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(100 - i));
        }

        Http.Response limited = http.get("/api/v2/openapi.json");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.header("RateLimit-Limit")).isEqualTo("100");
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);

        // probes are never limited, even for a client that is
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/ready").status()).isEqualTo(200);
        assertThat(http.get("/live").status()).isEqualTo(200);
    }
}
