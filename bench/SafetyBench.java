import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recall fan-out to N pharmacy tenants and real-time notification latency, against a running service.
 * Run by bench/safety.sh: java -cp api/target/healthflow.jar bench/SafetyBench.java <baseUrl> <jdbcUrl> [N] [M]
 */
public class SafetyBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String jdbc = args[1];
        int pharmacies = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int notifications = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        String officer = login("officer@eda.demo", "Officer123!");
        String pharmacist = login("pharmacist@elshifa.demo", "Pharma123!");

        try (Connection db = DriverManager.getConnection(jdbc)) {
            long t0 = System.nanoTime();
            try (Statement s = db.createStatement()) {
                s.execute("""
                        INSERT INTO tenants (type, name_en, name_ar, governorate)
                        SELECT 'pharmacy', 'Bench Pharmacy ' || g, 'صيدلية اختبار ' || g, 'Cairo' FROM generate_series(1, %d) g
                        """.formatted(pharmacies));
                s.execute("""
                        INSERT INTO users (email, display_name, password_hash)
                        SELECT 'pharmacist' || g || '@bench.pharmacy', 'Bench Pharmacist ' || g, 'not-a-login'
                          FROM generate_series(1, %d) g
                        """.formatted(pharmacies));
                s.execute("""
                        INSERT INTO memberships (user_id, tenant_id, role)
                        SELECT u.id, t.id, 'pharmacist' FROM users u
                          JOIN tenants t ON t.name_en = 'Bench Pharmacy ' || substring(u.email from 'pharmacist(\\d+)@')
                         WHERE u.email LIKE '%@bench.pharmacy'
                        """);
            }
            System.out.printf("setup: %,d pharmacy tenants with one pharmacist each in %.1f s%n", pharmacies,
                    (System.nanoTime() - t0) / 1e9);

            String medicine = field(get("/api/v2/medicines?size=1", officer), "id");
            String recall = field(post("/api/v2/recalls", officer, """
                    {"medicineId":"%s","allBatches":true,"class":"I","level":"retail","reasonEn":"Benchmark",
                     "reasonAr":"اختبار أداء","instructionsEn":"Quarantine","instructionsAr":"اعزل المخزون",
                     "startDate":"2026-11-22"}""".formatted(medicine)), "id");
            long activate = System.nanoTime();
            HttpResponse<String> activated = CLIENT.send(request("/api/v2/recalls/" + recall + "/activate", officer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (activated.statusCode() != 200) {
                throw new IllegalStateException("activate: " + activated.statusCode() + " " + activated.body());
            }
            String body;
            do {
                Thread.sleep(20);
                body = get("/api/v2/recalls/" + recall, officer);
            } while (!body.contains("\"fanOut\":\"done\""));
            long done = System.nanoTime();
            System.out.printf("recall activation: answered in %.0f ms; fan-out complete after %.0f ms (target <= 5000 ms)%n",
                    (answered - activate) / 1e6, (done - activate) / 1e6);
            System.out.println("  progress: " + body.replaceAll(".*\"progress\":(\\{[^}]*}).*", "$1"));

            latency(db, pharmacist, notifications);
        }
    }

    /** Inserts notifications for the demo pharmacist one by one and times their arrival on the stream. */
    static void latency(Connection db, String token, int count) throws Exception {
        Map<String, Long> received = new ConcurrentHashMap<>();
        HttpResponse<java.io.InputStream> stream = CLIENT.send(request("/api/v2/notifications/stream", token)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        Pattern title = Pattern.compile("\"title\":\"(bench-\\d+)\"");
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = title.matcher(line);
                    if (m.find()) {
                        received.put(m.group(1), System.nanoTime());
                    }
                }
            } catch (Exception e) {
                // closed at the end
            }
        });
        Thread.sleep(500);
        long[] committed = new long[count];
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO notifications (tenant_id, user_id, kind, title_en, title_ar, body_en, body_ar)
                SELECT m.tenant_id, u.id, 'bench.latency', ?, ?, 'Latency probe', 'اختبار'
                  FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = 'pharmacist@elshifa.demo'
                """)) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "bench-" + i);
                insert.setString(2, "bench-" + i);
                insert.executeUpdate(); // auto-commit: returns after the commit
                committed[i] = System.nanoTime();
                Thread.sleep(20);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long[] latencies = new long[count];
        int missing = 0;
        for (int i = 0; i < count; i++) {
            Long at = received.get("bench-" + i);
            if (at == null) {
                missing++;
                latencies[i] = Long.MAX_VALUE;
            } else {
                latencies[i] = at - committed[i];
            }
        }
        Arrays.sort(latencies);
        System.out.printf("real-time delivery (commit -> event received), %d notifications: p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms, missing %d (target p99 <= 1000 ms)%n", count, latencies[count / 2] / 1e6,
                latencies[(int) (count * 0.99)] / 1e6, latencies[count - 1 - missing] / 1e6, missing);
        stream.body().close();
        reader.interrupt();
    }

    static String login(String email, String password) throws Exception {
        return field(post("/api/v2/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), "token");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static String get(String path, String token) throws Exception {
        HttpResponse<String> r = CLIENT.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String post(String path, String token, String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
