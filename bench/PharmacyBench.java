import ai.healthflow.pharmacy.SyntheticPharmacies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nearby search and price comparison latency over N synthetic pharmacies, against a running service, one client,
 * measured at the client (HTTP, authentication and JSON included).
 * Run by bench/pharmacies.sh: java -cp api/target/healthflow.jar:api/target/test-classes bench/PharmacyBench.java
 *   <baseUrl> <jdbcUrl> [pharmacies] [queries]
 */
public class PharmacyBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)|\"summary\":\\{\"pharmacies\":(\\d+)");
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        int pharmacies = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 3_000;
        token = login("doctor@cairo-general.demo", "Doctor123!");

        List<double[]> places = new ArrayList<>();
        List<UUID> medicines;
        try (Connection db = DriverManager.getConnection(args[1])) {
            long t0 = System.nanoTime();
            SyntheticPharmacies.Result result = SyntheticPharmacies.insert(db, "Bench Pharmacy", pharmacies, 30, 42);
            medicines = result.medicines();
            System.out.printf(Locale.ROOT, "setup: %,d pharmacies, %,d stock lines of %d medicines in %.1f s%n",
                    result.ids().size(), result.stockLines(), medicines.size(), (System.nanoTime() - t0) / 1e9);
            var rows = db.createStatement().executeQuery("SELECT latitude, longitude FROM pharmacies");
            while (rows.next()) {
                places.add(new double[]{rows.getDouble(1), rows.getDouble(2)});
            }
        }

        // People search where pharmacies are: a random pharmacy's place, moved up to about a kilometre
        var random = new Random(1);
        IntFunction<String> point = i -> {
            double[] p = places.get(random.nextInt(places.size()));
            return String.format(Locale.ROOT, "lat=%.5f&lng=%.5f", p[0] + random.nextGaussian() * 0.01,
                    p[1] + random.nextGaussian() * 0.01);
        };
        String[] radii = {"1", "2", "5", "5", "5", "5", "10"};
        IntFunction<String> nearby = i -> "/api/v2/pharmacies/nearby?" + point.apply(i) + "&radiusKm="
                + radii[i % radii.length] + (i % 5 == 0 ? "&openNow=true" : "") + (i % 7 == 0 ? "&delivery=true" : "");
        run("nearby (radius 1-10 km, mostly 5; some openNow/delivery)", nearby, queries, "target p99 <= 20 ms");
        run("nearby, default 5 km", i -> "/api/v2/pharmacies/nearby?" + point.apply(i), queries, "target p99 <= 20 ms");
        run("nearby, 100 km around central Cairo (worst case)",
                i -> "/api/v2/pharmacies/nearby?lat=30.0444&lng=31.2357&radiusKm=100", Math.max(100, queries / 10), "");
        IntFunction<String> compare = i -> "/api/v2/prices/compare/" + medicines.get(i % medicines.size()) + "?"
                + point.apply(i) + "&radiusKm=5";
        run("price comparison, 5 km", compare, queries, "target p99 <= 30 ms");
        run("price comparison, 100 km around central Cairo (worst case)", i -> "/api/v2/prices/compare/"
                + medicines.get(i % medicines.size()) + "?lat=30.0444&lng=31.2357&radiusKm=100",
                Math.max(100, queries / 10), "");
    }

    static void run(String name, IntFunction<String> paths, int count, String target) throws Exception {
        for (int i = 0; i < Math.min(500, count); i++) { // warm-up: JIT, plans, caches
            get(paths.apply(i));
        }
        long[] nanos = new long[count];
        long matched = 0;
        for (int i = 0; i < count; i++) {
            String path = paths.apply(i);
            long start = System.nanoTime();
            String body = get(path);
            nanos[i] = System.nanoTime() - start;
            Matcher m = TOTAL.matcher(body);
            if (m.find()) {
                matched += Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s, %d queries: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "%.0f pharmacies in range on average %s; load average %s%n", name, count,
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.9)] / 1e6, nanos[(int) (count * 0.99)] / 1e6,
                nanos[count - 1] / 1e6, (double) matched / count, target.isEmpty() ? "" : "(" + target + ")",
                loadAverage());
    }

    /** The machine's 1-minute load average (other work on shared cores shows in the tail latencies). */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static String login(String email, String password) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("login: " + r.body());
        }
        return m.group(1);
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
