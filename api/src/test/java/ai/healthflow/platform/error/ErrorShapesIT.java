package ai.healthflow.platform.error;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure leaves as RFC 9457 problem+json with the request id; no stack trace or internals ever. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorShapesIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String LOGIN = "/api/v2/auth/login";
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    static JsonNode assertProblem(Http.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://healthflow.ai/problems/");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.body()).doesNotContain("Exception", "at ai.healthflow", "org.glassfish", "SQL");
        return problem;
    }

    @Test
    void unknownRouteIs404() {
        JsonNode problem = assertProblem(http.get("/api/v2/no-such-thing"), 404);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v2/no-such-thing");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Response response = http.method("DELETE", "/health");
        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void unacceptableMediaTypeIs406() {
        assertProblem(http.get("/health", "Accept", "application/xml"), 406);
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertProblem(http.post(LOGIN, "text/plain", "email=a"), 415);
    }

    @Test
    void bodyOverTheConfiguredLimitIs413() {
        String big = "{\"email\":\"" + "a".repeat(70 * 1024) + "@x.eg\",\"password\":\"p\"}";
        JsonNode problem = assertProblem(http.postJson(LOGIN, big), 413);
        assertThat(problem.get("detail").asText()).contains("65536");
    }

    @Test
    void chunkedBodyOverTheLimitIs413Too() {
        byte[] big = ("{\"email\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // an InputStream publisher has no known length, so the client sends it chunked
        var request = http.request(LOGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertProblem(http.send(request), 413);
    }

    @Test
    void malformedJsonIs400WithPosition() {
        JsonNode problem = assertProblem(http.postJson(LOGIN, "{\"email\": \"a@b.eg\","), 400);
        assertThat(problem.get("title").asText()).isEqualTo("Malformed JSON");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void unknownFieldIs400NamingTheField() {
        JsonNode problem = assertProblem(http.postJson(LOGIN,
                "{\"email\":\"a@b.eg\",\"password\":\"x\",\"role\":\"super_admin\"}"), 400);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("role");
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        JsonNode problem = assertProblem(http.postJson(LOGIN, "{\"email\":\"a@b.eg\",\"password\":12345}"), 400);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("password");
        assertThat(problem.at("/errors/0/message").asText()).contains("string");
    }

    @Test
    void invalidFieldsAre422WithEveryFieldError() {
        JsonNode problem = assertProblem(http.postJson(LOGIN, "{\"email\":\"not-an-email\",\"password\":\"\"}"), 422);
        assertThat(problem.get("title").asText()).isEqualTo("Validation failed");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("email", "password");
    }

    @Test
    void missingBodyIs422OnTheBody() {
        JsonNode problem = assertProblem(http.postJson(LOGIN, ""), 422);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("body");
    }

    @Test
    void jsonOfTheWrongShapeIs400() {
        assertProblem(http.postJson(LOGIN, "[1,2,3]"), 400);
    }

    @Test
    void requestIdIsEchoedWhenSaneAndGeneratedOtherwise() {
        Http.Response echoed = http.get("/health", "X-Request-Id", "portal-42.abc");
        Http.Response replaced = http.get("/health", "X-Request-Id", "bad id with spaces");
        Http.Response generated = http.get("/api/v2/nowhere");

        assertThat(echoed.header("X-Request-Id")).isEqualTo("portal-42.abc");
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(generated.json().get("requestId").asText()).isEqualTo(generated.header("X-Request-Id"));
    }

    @Test
    void malformedHttpAnsweredByJettyIsProblemJsonToo() throws IOException {
        // a request line Jetty itself rejects, before any servlet or Jersey code runs
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ".getBytes(StandardCharsets.US_ASCII));
            out.write("a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 431");
            assertThat(answer).contains("application/problem+json").contains("\"status\":431");
            assertThat(answer).doesNotContain("<html");
            assertThat(answer).containsPattern("X-Request-Id: [0-9a-f-]{36}");
        }
    }
}
