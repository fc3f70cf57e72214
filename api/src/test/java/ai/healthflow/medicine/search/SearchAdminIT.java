package ai.healthflow.medicine.search;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding the index while it serves: a new directory, an atomic swap, no interruption. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchAdminIT {
    static final TestApp.Extension APP = TestApp.create();

    @Test
    void reindexSwapsInANewIndexWhileSearchesContinue() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        String officer = Demo.OFFICER.login(http);
        http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-400001","tradeNameEn":"Concor","tradeNameAr":"كونكور","genericNameEn":"bisoprolol",
                 "genericNameAr":"بيسوبرولول","strength":"5 mg","dosageForm":"tablet","route":"oral","manufacturer":"Merck"}""");
        Path root = Path.of(APP.getConfiguration().home().toString(), "search");
        String before = Files.readString(root.resolve("CURRENT")).strip();

        Http.Response started = http.postAs(admin, "/api/v2/search/reindex", "");
        assertThat(started.status()).isEqualTo(202);
        for (int i = 0; i < 200; i++) {
            assertThat(http.getAs(officer, "/api/v2/medicines/search?q=concor").status()).as("served throughout").isEqualTo(200);
            if (!http.getAs(admin, "/api/v2/search/status").json().at("/data/rebuilding").asBoolean()) {
                break;
            }
            Thread.sleep(50);
        }

        JsonNode status = http.getAs(admin, "/api/v2/search/status").json().get("data");
        String after = Files.readString(root.resolve("CURRENT")).strip();
        assertThat(status.get("serving").asBoolean()).isTrue();
        assertThat(status.get("documents").asInt()).isEqualTo(1);
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.exists(root.resolve(before))).as("old index removed").isFalse();
        assertThat(http.getAs(officer, "/api/v2/medicines/search?q=كونكور").json().at("/data/0/medicine/registrationNo").asText())
                .isEqualTo("EG-400001");
        assertThat(http.postAs(officer, "/api/v2/search/reindex", "").status()).as("system:write only").isEqualTo(403);

        // the same from the command line, while the service runs on the same home: it follows CURRENT
        var db = APP.database();
        var process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Ddw.database.dataSource.url=" + db.url(), "-Ddw.database.dataSource.user=" + db.user(),
                "-Ddw.database.dataSource.password=" + (db.password() == null ? "" : db.password()),
                "-Ddw.home=" + APP.getConfiguration().home(),
                "-cp", System.getProperty("java.class.path"), ai.healthflow.HealthFlowApplication.class.getName(),
                "search", "reindex", TestApp.configFile("test.yml").toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        String byCommand = Files.readString(root.resolve("CURRENT")).strip();
        assertThat(byCommand).isNotEqualTo(after);
        assertThat(output).contains("\"documents\":1");
        String served = null;
        for (int i = 0; i < 100 && !byCommand.equals(served); i++) {
            Thread.sleep(50); // the service notices CURRENT within a poll interval
            served = http.getAs(admin, "/api/v2/search/status").json().at("/data/index").asText();
        }
        assertThat(served).isEqualTo(byCommand);
        assertThat(http.getAs(officer, "/api/v2/medicines/search?q=concor").json().at("/data/0/medicine/registrationNo").asText())
                .isEqualTo("EG-400001");
    }
}
