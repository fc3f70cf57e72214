package ai.healthflow.platform.http;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class HeadersIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String ALLOWED = "https://portal.healthflow.test"; // config/test.yml
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/v2/missing", "/api/v2/me"})
    void securityHeadersOnSuccessesAndErrorsAlike(String path) {
        Http.Response response = http.get(path);

        assertThat(response.header("Strict-Transport-Security")).contains("max-age=");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void listedOriginGetsCorsHeaders() {
        Http.Response response = http.get("/health", "Origin", ALLOWED);

        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        assertThat(response.raw().headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void unlistedOriginGetsNoAllowOrigin() {
        Http.Response response = http.get("/health", "Origin", "https://evil.example");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void preflightFromListedOriginIsAnswered() {
        Http.Response response = http.method("OPTIONS", "/api/v2/auth/login",
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "Content-Type");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.header("Access-Control-Allow-Headers")).contains("Authorization");
    }

    @Test
    void preflightFromUnlistedOriginGetsNothingUsable() {
        Http.Response response = http.method("OPTIONS", "/api/v2/auth/login",
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void largeResponsesAreGzippedWhenAsked() throws IOException {
        var request = http.request("/api/v2/openapi.json", "Accept-Encoding", "gzip").GET();
        HttpResponse<byte[]> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }

        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes());
        assertThat(json).contains("\"openapi\"");
    }
}
