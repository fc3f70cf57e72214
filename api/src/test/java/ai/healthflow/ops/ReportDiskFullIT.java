package ai.healthflow.ops;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static ai.healthflow.report.ReportRuns.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #8: the disk holding report files fills up. {@code HEALTHFLOW_HOME/reports} becomes a 64 KiB tmpfs (root,
 * as in the build sandbox; skipped where mounting is not permitted), too small for a PDF with embedded fonts. The
 * report must end {@code failed} with a sentence for the requester (no exception, no path), leave no partial file
 * behind, and the service must keep serving; once there is space again the same report succeeds.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReportDiskFullIT {
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("bootstrap.demoRegistry", "true")); // 330 products: a PDF of several pages
    static Path home;
    static Path reports;
    static boolean mounted;

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", reports.toString());
        }
    }

    @Test
    void aFullDiskFailsTheReportWithASentenceTheServiceKeepsServingAndALaterReportSucceeds() throws Exception {
        home = APP.getConfiguration().home();
        reports = home.resolve("reports");
        mounted = mountTinyTmpfs(); // over the running service's directory: it resolves the path at each write
        assumeTrue(mounted, "mounting a tmpfs is not permitted here");
        assertThat(Files.getFileStore(reports).type()).as("the reports directory is the small tmpfs").isEqualTo("tmpfs");
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);

        // when a report larger than the free space is requested
        JsonNode failed = finished(http, officer, request(http, officer));

        // then it fails with a sentence for the requester, and nothing half-written is left taking the space
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
        String error = failed.get("error").asText();
        assertThat(error).contains("not enough disk space").contains("again later")
                .doesNotContain("Exception").doesNotContain("/").doesNotContain(home.toString());
        try (Stream<Path> left = Files.list(reports)) {
            assertThat(left).as("no partial or temporary file").isEmpty();
        }
        // and the service keeps serving
        assertThat(http.getAs(officer, "/api/v2/me").status()).isEqualTo(200);
        assertThat(http.get("/ready").status()).isEqualTo(200);
        assertThat(http.getAs(officer, "/api/v2/medicines?size=5").status()).isEqualTo(200);

        // when there is space again (the small file system goes; the directory underneath is on the real disk)
        assertThat(run("umount", reports.toString())).isZero();
        mounted = false;
        JsonNode completed = finished(http, officer, request(http, officer));

        // then the same report succeeds
        assertThat(completed.get("status").asText()).as(completed.toString()).isEqualTo("completed");
        assertThat(completed.get("sizeBytes").asLong()).isGreaterThan(64 * 1024);
        System.out.printf("ReportDiskFullIT: a %d-byte PDF failed on a 64 KiB file system with \"%s\"; "
                + "succeeded once space was back%n", completed.get("sizeBytes").asLong(), error);
    }

    private static String request(Http http, String token) {
        Http.Response response = http.postAs(token, "/api/v2/reports",
                "{\"type\":\"medicine-registry\",\"format\":\"pdf\",\"language\":\"en\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().at("/data/id").asText();
    }

    private static boolean mountTinyTmpfs() {
        try {
            Files.createDirectories(reports);
            return run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", reports.toString()) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.out);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
