package ai.healthflow.audit;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every change and security event is recorded once, in a chain that detects tampering. Ordered: the last test breaks the chain. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String admin;

    @BeforeEach
    void setUp() {
        http = APP.http();
        admin = Demo.SUPER_ADMIN.login(http);
    }

    JsonNode audit(String query) {
        Http.Response response = http.getAs(admin, "/api/v2/audit-logs?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    @Order(1)
    void eachMutationWritesOneRecordWithActorRequestAndChangedFieldsOnly() {
        String created = http.postJson("/api/v2/tenants", "{\"type\":\"clinic\",\"nameEn\":\"Audit Clinic\","
                        + "\"nameAr\":\"عيادة التدقيق\"}", "Authorization", Http.bearer(admin), "X-Request-Id", "audit-test-1")
                .json().at("/data/id").asText();
        http.patchAs(admin, "/api/v2/tenants/" + created, "{\"governorate\":\"Suez\"}");

        JsonNode records = audit("entityType=tenant&entityId=" + created + "&sort=id,asc").get("data");

        assertThat(records.findValuesAsText("action")).containsExactly("tenant.created", "tenant.updated");
        JsonNode creation = records.get(0);
        assertThat(creation.get("actorEmail").asText()).isEqualTo(Demo.SUPER_ADMIN.email);
        assertThat(creation.get("requestId").asText()).isEqualTo("audit-test-1");
        assertThat(creation.get("ip").asText()).isNotBlank();
        assertThat(creation.get("userAgent").asText()).isNotBlank();
        assertThat(creation.get("tenantId").asText()).isEqualTo(created);
        assertThat(records.get(1).get("changes").asText())
                .isEqualTo("{\"governorate\":{\"from\":null,\"to\":\"Suez\"}}");
    }

    @Test
    @Order(2)
    void securityEventsAreRecordedWithoutSecrets() {
        http.postJson("/api/v2/auth/login", "{\"email\":\"" + Demo.VIEWER.email + "\",\"password\":\"Wrong-guess-123\"}");
        String viewer = Demo.VIEWER.login(http);
        http.postAs(viewer, "/api/v2/auth/logout", "{}");

        JsonNode failed = audit("action=auth.login_failed").get("data");
        JsonNode login = audit("action=auth.login&actor=" + http.getAs(admin, "/api/v2/me").json().at("/data/id").asText());
        JsonNode logout = audit("action=auth.logout").get("data");

        assertThat(failed.findValuesAsText("actorEmail")).contains(Demo.VIEWER.email);
        assertThat(failed.get(0).get("changes").asText()).contains("wrong_password").doesNotContain("Wrong-guess-123");
        assertThat(login.at("/meta/total").asLong()).isPositive();
        assertThat(logout).hasSize(1);
        String everything = audit("size=100").toString();
        assertThat(everything).doesNotContain("Wrong-guess-123", "Viewer123!", "argon2", "refreshToken\":\"");
    }

    @Test
    @Order(3)
    void filtersAndPaginationFollowTheApiConventions() {
        JsonNode page = audit("size=2&page=1");
        JsonNode since = audit("from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&size=1");

        assertThat(page.get("data")).hasSize(2);
        assertThat(page.at("/meta/total").asLong()).isGreaterThan(2);
        assertThat(page.at("/data/0/id").asLong()).isGreaterThan(page.at("/data/1/id").asLong());
        assertThat(since.at("/meta/total").asLong()).isEqualTo(page.at("/meta/total").asLong());
        assertThat(http.getAs(admin, "/api/v2/audit-logs?from=yesterday").status()).isEqualTo(400);
        assertThat(http.getAs(admin, "/api/v2/audit-logs?actor=42").status()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void concurrentWritersNeverForkTheChain() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> logins = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Demo who = Demo.values()[i % Demo.values().length];
            logins.add(() -> APP.http().postJson("/api/v2/auth/login",
                    "{\"email\":\"" + who.email + "\",\"password\":\"" + who.password + "\"}").status());
        }
        for (var result : pool.invokeAll(logins)) {
            assertThat(result.get()).isIn(200, 401); // 401: an account locked by an earlier test
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        JsonNode verify = http.getAs(admin, "/api/v2/audit-logs/verify").json().get("data");

        assertThat(verify.get("valid").asBoolean()).isTrue();
        assertThat(verify.get("firstBrokenId").isNull()).isTrue();
        assertThat(verify.get("checked").asLong()).isEqualTo(auditRows());
    }

    @Test
    @Order(5)
    void theServicesDatabaseRoleCannotChangeOrRemoveRecords() throws SQLException {
        try (Connection c = APP.superuser(); var statement = c.createStatement()) {
            c.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE healthflow_app");
            for (String sql : List.of("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log")) {
                statement.execute("SAVEPOINT s");
                Throwable refused = catchThrowable(() -> statement.execute(sql));
                assertThat(refused).as(sql).isInstanceOf(SQLException.class);
                assertThat(refused.getMessage()).containsAnyOf("permission denied", "append-only");
                statement.execute("ROLLBACK TO SAVEPOINT s");
            }
            c.rollback();
        }
        try (Connection c = APP.superuser(); var statement = c.createStatement()) {
            Throwable evenSuperuser = catchThrowable(() -> statement.execute("DELETE FROM audit_log"));
            assertThat(evenSuperuser).hasMessageContaining("append-only");
        }
    }

    @Test
    @Order(6)
    void verificationNamesTheFirstRecordAlteredBehindTheApplicationsBack() throws Exception {
        long victim;
        try (Connection c = APP.superuser(); var statement = c.createStatement()) {
            try (var rows = statement.executeQuery(
                    "SELECT id FROM audit_log WHERE action = 'tenant.created' ORDER BY id LIMIT 1 OFFSET 2")) {
                rows.next();
                victim = rows.getLong(1);
            }
            // someone with superuser rights switches the guard off, edits history and switches it on again
            statement.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete");
            statement.execute("UPDATE audit_log SET actor_email = 'someone-else@example.org' WHERE id = " + victim);
            statement.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete");
        }

        JsonNode verify = http.getAs(admin, "/api/v2/audit-logs/verify").json().get("data");

        assertThat(verify.get("valid").asBoolean()).isFalse();
        assertThat(verify.get("firstBrokenId").asLong()).isEqualTo(victim);

        CommandOutcome cli = auditVerifyCommand();
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.output()).contains("\"valid\":false").contains("\"firstBrokenId\":" + victim);
    }

    record CommandOutcome(int exitCode, String output) {
    }

    /** The same check as an operator runs it: {@code java -jar healthflow.jar audit verify <config>}. */
    private CommandOutcome auditVerifyCommand() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var db = APP.database();
        var process = new ProcessBuilder(java,
                "-Ddw.database.dataSource.url=" + db.url(),
                "-Ddw.database.dataSource.user=" + db.user(),
                "-Ddw.database.dataSource.password=" + (db.password() == null ? "" : db.password()),
                "-cp", System.getProperty("java.class.path"), HealthFlowApplication.class.getName(),
                "audit", "verify", TestApp.configFile("test.yml").toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CommandOutcome(process.exitValue(), output);
    }

    private long auditRows() throws SQLException {
        try (Connection c = APP.superuser(); var rows = c.createStatement().executeQuery("SELECT count(*) FROM audit_log")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
