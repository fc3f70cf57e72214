package ai.healthflow.ops;

import ai.healthflow.ops.DeployScripts.Outcome;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code security-check} against an https URL: the application serves TLS itself here (Dropwizard's https connector
 * with a certificate made for the test), as a TLS-terminating proxy would in production.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeployScriptsTlsIT {
    static final String PASSWORD = "tls-it-keystore";
    static final Path DIR = TestApp.tempHome();
    static final Path KEYSTORE = DIR.resolve("localhost.p12");
    static final Path CERTIFICATE = DIR.resolve("localhost.pem");
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("server.applicationConnectors[0].type", "https"),
            ConfigOverride.config("server.applicationConnectors[0].keyStorePath", () -> keystore().toString()),
            ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", PASSWORD),
            ConfigOverride.config("server.applicationConnectors[0].keyStoreType", "PKCS12"));

    @Test
    void theSecurityCheckVerifiesTlsVersionsAndHstsOverHttps() {
        String base = "https://localhost:" + APP.getLocalPort();

        Outcome outcome = DeployScripts.run("security-check", base, Map.of(
                "CHECKS_CURL_OPTIONS", "--cacert " + CERTIFICATE,
                "SECURITY_SKIP_RATE_LIMIT", "true"));

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        List<String> lines = outcome.lines();
        assertThat(lines.get(0)).startsWith("ok headers");
        assertThat(lines.get(3)).isEqualTo("skip rate-limit: SECURITY_SKIP_RATE_LIMIT=true");
        assertThat(lines.get(4)).as(outcome.output()).matches("ok tls \\(\\d+ ms\\) \\(TLS 1.0/1.1 refused, 1.2\\+ "
                + "accepted, checked with (openssl|curl); HSTS max-age=31536000\\)");
        assertThat(outcome.last()).isEqualTo("security check passed: " + base);
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsTheFirstStep() {
        String base = "https://localhost:" + APP.getLocalPort();

        Outcome outcome = DeployScripts.run("smoke-test", base,
                Map.of("SMOKE_EMAIL", "admin@healthflow.ai", "SMOKE_PASSWORD", "Admin123!"));

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.last()).startsWith("FAIL health: no answer from " + base).containsIgnoringCase("certificate");
    }

    /** A self-signed certificate for localhost, made with the JDK's keytool, and its PEM for curl's --cacert. */
    static synchronized Path keystore() {
        if (Files.exists(KEYSTORE)) {
            return KEYSTORE;
        }
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        keytool(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", KEYSTORE.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(keytool.toString(), "-exportcert", "-rfc", "-alias", "localhost", "-keystore", KEYSTORE.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", CERTIFICATE.toString());
        return KEYSTORE;
    }

    private static void keytool(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
