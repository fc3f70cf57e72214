package ai.healthflow.ops;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the service on one PostgreSQL, as behind a load balancer (issue #8, "Scale out"): each keeps its
 * own search index fed by the outbox, sessions and revocations are seen by both, rate limits count across both, and a
 * scheduled job fires once. Replica A migrates and loads the demo data; B starts as production replicas do, checking
 * that the migrations are current and loading nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoReplicasIT {
    static final int LIMIT = 300;
    // a method, not a constant: an override remembers the value it replaced, so one instance must not serve two apps
    static ConfigOverride[] shared() {
        return new ConfigOverride[]{
                ConfigOverride.config("http.rateLimitPerMinute", Integer.toString(LIMIT)),
                // every replica schedules; audit-verify every 3 s instead of nightly, so firings can be counted
                ConfigOverride.config("batch.scheduling", "true"),
                ConfigOverride.config("batch.schedules[0].job", "audit-verify"),
                ConfigOverride.config("batch.schedules[0].cron", "*/3 * * * * *"),
                ConfigOverride.config("batch.schedules[0].zone", "UTC")};
    }
    // Dropwizard passes overrides as system properties that stay set while an application runs, so each replica
    // states every setting where they differ, whichever starts first.
    static final TestApp.Extension A = TestApp.create(concat(shared(),
            ConfigOverride.config("database.migrateOnStart", "true"),
            ConfigOverride.config("bootstrap.demoData", "true")));
    static final TestApp.Extension B = TestApp.replicaOf(A, concat(shared(),
            ConfigOverride.config("database.migrateOnStart", "false"),
            ConfigOverride.config("bootstrap.demoData", "false")));

    @Test
    void theReplicasShareTheDatabaseButNotTheirHomes() {
        assertThat(B.getConfiguration().database().dataSource().getUrl())
                .isEqualTo(A.getConfiguration().database().dataSource().getUrl());
        assertThat(B.getConfiguration().home()).isNotEqualTo(A.getConfiguration().home());
        assertThat(A.getConfiguration().database().migrateOnStart()).isTrue();
        assertThat(B.getConfiguration().database().migrateOnStart()).as("B only checks migrations").isFalse();
        assertThat(B.getConfiguration().bootstrap().demoData()).isFalse();
    }

    @Test
    void aMedicineWrittenThroughOneReplicaIsFoundOnTheOther() throws InterruptedException {
        Http a = A.http();
        Http b = B.http();
        String officerA = Demo.OFFICER.login(a);
        String officerB = Demo.OFFICER.login(b);
        String body = """
                {"registrationNo":"EG-800001","tradeNameEn":"Replicatin","tradeNameAr":"ريبليكاتين",
                 "genericNameEn":"ibuprofen","genericNameAr":"إيبوبروفين","strength":"400 mg",
                 "dosageForm":"tablet","route":"oral","atcCode":"M01AE01","manufacturer":"Pharco","priceEgp":12.5}""";

        long created = System.nanoTime();
        Http.Response posted = a.postAs(officerA, "/api/v2/medicines", body);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String id = posted.json().at("/data/id").asText();

        assertThat(awaitTradeName(b, officerB, "replicatin", "Replicatin")).as("found on B after create").isTrue();
        System.out.println("search freshness on the other replica after create: "
                + (System.nanoTime() - created) / 1_000_000 + " ms");

        assertThat(a.patchAs(officerA, "/api/v2/medicines/" + id, "{\"tradeNameEn\":\"Replicatin Forte\"}").status())
                .isEqualTo(200);

        assertThat(awaitTradeName(b, officerB, "replicatin forte", "Replicatin Forte")).as("update seen on B").isTrue();
        assertThat(awaitTradeName(a, officerA, "replicatin forte", "Replicatin Forte")).as("and on A").isTrue();
    }

    @Test
    void aSessionStartedOnOneReplicaWorksAndEndsOnTheOther() {
        Http a = A.http();
        Http b = B.http();
        JsonNode session = a.session(Demo.CAIRO_NURSE.email, Demo.CAIRO_NURSE.password);
        String token = session.get("token").asText();

        assertThat(b.getAs(token, "/api/v2/me").json().at("/data/email").asText()).isEqualTo(Demo.CAIRO_NURSE.email);

        Http.Response logout = a.postAs(token, "/api/v2/auth/logout",
                "{\"refreshToken\":\"" + session.get("refreshToken").asText() + "\"}");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(b.getAs(token, "/api/v2/me").status()).as("revoked on B too").isEqualTo(401);
        assertThat(a.getAs(token, "/api/v2/me").status()).isEqualTo(401);
    }

    @Test
    void theRateLimitCountsRequestsToBothReplicas() {
        Http a = A.http();
        Http b = B.http();
        String token = Demo.ALEX_DOCTOR.login(a);

        for (int i = 1; i <= LIMIT; i++) {
            Http.Response response = (i % 2 == 1 ? a : b).getAs(token, "/api/v2/me");
            assertThat(response.status()).as("request %d", i).isEqualTo(200);
            assertThat(response.header("RateLimit-Remaining")).as("request %d", i).isEqualTo(Integer.toString(LIMIT - i));
        }

        // each replica has served only half the limit, yet both refuse
        for (Http replica : List.of(a, b)) {
            Http.Response limited = replica.getAs(token, "/api/v2/me");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("RateLimit-Limit")).isEqualTo(Integer.toString(LIMIT));
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        }
    }

    @Test
    void aScheduledFiringRunsOnceAcrossBothReplicas() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (A.count("SELECT count(*) FROM batch_schedule_fires WHERE job_name = 'audit-verify'") < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // executions first: a firing between the two reads can only add to the firings
        long runs = A.count("""
                SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
                WHERE i.job_name = 'audit-verify'""");
        long firings = A.count("SELECT count(*) FROM batch_schedule_fires WHERE job_name = 'audit-verify'");
        // a firing older than two seconds has been launched and recorded by the replica that claimed it
        long settled = A.count("""
                SELECT count(*) FROM batch_schedule_fires
                WHERE job_name = 'audit-verify' AND fire_time < now() - interval '2 seconds'""");
        long settledRuns = A.count("""
                SELECT count(DISTINCT f.job_execution_id)
                FROM batch_schedule_fires f
                JOIN batch_job_execution e ON e.job_execution_id = f.job_execution_id
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id AND i.job_name = 'audit-verify'
                WHERE f.job_name = 'audit-verify' AND f.fire_time < now() - interval '2 seconds'""");
        long owners = A.count("SELECT count(DISTINCT owner) FROM batch_schedule_fires WHERE job_name = 'audit-verify'");
        System.out.printf("audit-verify every 3 s on two replicas: %d firings, %d runs, claimed by %d replica(s)%n",
                firings, runs, owners);

        assertThat(firings).isGreaterThanOrEqualTo(3);
        assertThat(runs).as("never more runs than firings").isLessThanOrEqualTo(firings);
        assertThat(settledRuns).as("each settled firing ran exactly once").isEqualTo(settled);
        assertThat(settled).isGreaterThanOrEqualTo(2);
        // the runs the other replica sees through the API are the same ones
        JsonNode listed = B.http().getAs(Demo.SUPER_ADMIN.login(B.http()), "/api/v2/batch/jobs/audit-verify/runs").json();
        assertThat(listed.get("data").size()).isGreaterThanOrEqualTo((int) Math.min(runs, 20));
    }

    private static boolean awaitTradeName(Http http, String token, String query, String tradeName)
            throws InterruptedException {
        String path = "/api/v2/medicines/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode hits = http.getAs(token, path).json().get("data");
            if (hits != null && hits.findValuesAsText("tradeNameEn").contains(tradeName)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static ConfigOverride[] concat(ConfigOverride[] first, ConfigOverride... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(ConfigOverride[]::new);
    }
}
