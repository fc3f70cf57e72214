package ai.healthflow.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The runbook's load verification: clinicians and analysts who sign in once and then work without pause (a closed
 * model: {@code users} sessions at a time), over the runbook's mix: medicines list, search, details, interaction
 * check, price comparison and analytics. Fails (non-zero exit) below the runbook's targets: p50 &lt; 100 ms,
 * p95 &lt; 200 ms, p99 &lt; 500 ms, more than 99.9 % successful, more than {@code minRps} requests a second.
 *
 * <p>System properties: {@code baseUrl} (default http://localhost:8080), {@code users} (concurrent sessions,
 * default 16), {@code duration} (seconds, default 60), {@code rampSeconds} (default 10), {@code minRps} (default
 * 1000), {@code p50Ms}/{@code p95Ms}/{@code p99Ms} (100/200/500), and the accounts: {@code clinicianEmails}/{@code clinicianPassword}, {@code analystEmail}/
 * {@code analystPassword} (defaults: the demo accounts).
 */
public class RunbookMixSimulation extends Simulation {
    static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    static final int USERS = Integer.getInteger("users", 16);
    static final int DURATION = Integer.getInteger("duration", 60);
    static final int RAMP = Integer.getInteger("rampSeconds", 10);
    static final double MIN_RPS = Double.parseDouble(System.getProperty("minRps", "1000"));
    static final int P50_MS = Integer.getInteger("p50Ms", 100);
    static final int P95_MS = Integer.getInteger("p95Ms", 200);
    static final int P99_MS = Integer.getInteger("p99Ms", 500);
    static final List<String> QUERIES = List.of("paracetamol", "amoxicillin", "omeprazole", "metformin", "ibuprofen",
            "atorvastatin", "panadol", "augmentin", "باراسيتامول", "أموكسيسيلين");

    HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    static FeederBuilder<Object> accounts(String emails, String password) {
        return listFeeder(java.util.Arrays.stream(emails.split(","))
                .map(email -> Map.<String, Object>of("email", email.strip(), "password", password)).toList()).circular();
    }

    static ChainBuilder signIn() {
        return exec(http("login").post("/api/v2/auth/login")
                        .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
                        .check(status().is(200), jmesPath("data.token").saveAs("token")))
                .exec(http("medicines list").get("/api/v2/medicines?size=50")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jmesPath("data[*].id").ofList().saveAs("medicines")));
    }

    static Session pick(Session session) {
        List<String> ids = session.getList("medicines");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(ids.size());
        int second = (first + 1 + random.nextInt(ids.size() - 1)) % ids.size(); // two different medicines
        return session.set("m1", ids.get(first))
                .set("m2", ids.get(second))
                .set("q", QUERIES.get(random.nextInt(QUERIES.size())));
    }

    static final ChainBuilder LIST = exec(http("medicines list").get("/api/v2/medicines?size=20&page=#{page}")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));
    static final ChainBuilder SEARCH = exec(http("search").get("/api/v2/medicines/search")
            .queryParam("q", "#{q}").queryParam("limit", "20")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));
    static final ChainBuilder DETAILS = exec(http("medicine details").get("/api/v2/medicines/#{m1}")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));
    static final ChainBuilder INTERACTIONS = exec(http("interaction check").post("/api/v2/interactions/check")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"medicines\":[{\"id\":\"#{m1}\"},{\"id\":\"#{m2}\"}]}")).check(status().is(200)));
    static final ChainBuilder PRICES = exec(http("price comparison")
            .get("/api/v2/prices/compare/#{m1}?lat=30.0444&lng=31.2357&radiusKm=10")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));
    static final ChainBuilder ANALYTICS = exec(http("analytics").get("/api/v2/analytics/system?timeRange=#{range}")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));

    ScenarioBuilder clinicians = scenario("clinicians")
            .feed(accounts(System.getProperty("clinicianEmails",
                    "doctor@cairo-general.demo,doctor@alex-medical.demo"), System.getProperty("clinicianPassword", "Doctor123!")))
            .exec(signIn())
            .during(Duration.ofSeconds(DURATION + RAMP)).on(
                    exec(session -> pick(session).set("page", 1 + ThreadLocalRandom.current().nextInt(5))),
                    randomSwitch().on(
                            percent(20.0).then(LIST),
                            percent(35.0).then(SEARCH),
                            percent(20.0).then(DETAILS),
                            percent(15.0).then(INTERACTIONS),
                            percent(10.0).then(PRICES)));

    ScenarioBuilder analysts = scenario("analysts")
            .feed(accounts(System.getProperty("analystEmail", "officer@eda.demo"),
                    System.getProperty("analystPassword", "Officer123!")))
            .exec(signIn())
            .during(Duration.ofSeconds(DURATION + RAMP)).on(
                    exec(session -> pick(session).set("page", 1 + ThreadLocalRandom.current().nextInt(5))
                            .set("range", List.of("7d", "30d", "90d").get(ThreadLocalRandom.current().nextInt(3)))),
                    randomSwitch().on(
                            percent(40.0).then(ANALYTICS),
                            percent(30.0).then(SEARCH),
                            percent(30.0).then(DETAILS)));

    {
        int analystUsers = Math.max(1, USERS / 5);
        int clinicianUsers = Math.max(1, USERS - analystUsers);
        setUp(
                clinicians.injectClosed(rampConcurrentUsers(0).to(clinicianUsers).during(RAMP),
                        constantConcurrentUsers(clinicianUsers).during(DURATION)),
                analysts.injectClosed(rampConcurrentUsers(0).to(analystUsers).during(RAMP),
                        constantConcurrentUsers(analystUsers).during(DURATION)))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(DURATION + 2L * RAMP + 30))
                .assertions(
                        global().responseTime().percentile(50.0).lt(P50_MS),
                        global().responseTime().percentile(95.0).lt(P95_MS),
                        global().responseTime().percentile(99.0).lt(P99_MS),
                        global().successfulRequests().percent().gt(99.9),
                        global().requestsPerSec().gt(MIN_RPS));
    }
}
