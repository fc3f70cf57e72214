package ai.healthflow.apidocs;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ApiDocsIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    @Test
    void openApiDocumentDescribesTheResources() {
        Http.Response response = http.get("/api/v2/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.at("/info/title").asText()).isEqualTo("HealthFlow API");
        assertThat(doc.get("paths").has("/api/v2/auth/login")).isTrue();
        assertThat(doc.get("paths").has("/api/v2/me")).isTrue();
        assertThat(doc.get("paths").has("/health")).isTrue();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void browsablePageAndItsAssetsAreServed() {
        Http.Response page = http.get("/api/v2/docs");
        Http.Response bundle = http.get("/api/v2/docs/assets/swagger-ui-bundle.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui").doesNotContain("<script>");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
    }

    @Test
    void onlyListedAssetsAreServed() {
        assertThat(http.get("/api/v2/docs/assets/index.html").status()).isEqualTo(404);
        // Jetty refuses an encoded separator outright (400); either way the file is not served
        Http.Response traversal = http.get("/api/v2/docs/assets/..%2F..%2Fhealthflow-build.properties");
        assertThat(traversal.status()).isIn(400, 404);
        assertThat(traversal.body()).doesNotContain("version=");
    }
}
