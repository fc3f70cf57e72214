import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prescription creation latency (5 items; interactions among them and with the patient's open prescriptions, and
 * allergies, checked on every call), against a running dev service. Run by bench/clinical.sh.
 */
public class ClinicalBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String doctor = field(post("/api/v2/auth/login", null,
                "{\"email\":\"doctor@cairo-general.demo\",\"password\":\"Doctor123!\"}"), "token");
        List<String> medicines = new ArrayList<>();
        for (String regNo : List.of("EG-898212", "EG-566161", "EG-747803", "EG-695621", "EG-525505")) {
            medicines.add(field(get("/api/v2/medicines/search?q=" + URLEncoder.encode(regNo, StandardCharsets.UTF_8)
                    + "&limit=1", doctor), "id"));
        }
        List<String> patients = new ArrayList<>();
        // enough patients that each holds a few open prescriptions, as real ones do (the checks read them all)
        for (int i = 0; i < 100; i++) {
            patients.add(field(post("/api/v2/patients/register", doctor, """
                    {"nationalId":"275061501%03d31","nameEn":"Bench Patient %d","nameAr":"مريض اختبار","dateOfBirth":"1975-06-15",
                     "sex":"male","allergies":[{"type":"class","substance":"penicillins"}]}""".formatted(i, i)), "id"));
        }
        StringBuilder items = new StringBuilder();
        for (String id : medicines) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"medicineId":"%s","dose":"1 tablet","frequency":"twice daily","durationDays":30,"quantity":60}""".formatted(id));
        }
        // the first attempt names the findings that need a reason; later ones give them all
        HttpResponse<String> first = send("/api/v2/prescriptions", doctor, body(patients.get(0), items, "{}"));
        Matcher keys = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(first.body());
        List<String> overrides = new ArrayList<>();
        while (keys.find()) {
            overrides.add("\"" + keys.group(1) + "\":\"Benchmark: reviewed\"");
        }
        String override = "{" + String.join(",", overrides) + "}";
        System.out.printf("5-item prescription: first answer %d with %d finding(s) needing a reason%n",
                first.statusCode(), overrides.size());
        for (int i = 0; i < 1000; i++) { // warm-up: the JIT compiles the hot paths
            require(send("/api/v2/prescriptions", doctor, body(patients.get(i % patients.size()), items, override)));
        }
        report("prescription create, 1 client", run(1, count, doctor, patients, items, override));
        report("prescription create, 4 clients", run(4, count, doctor, patients, items, override));
    }

    static long[] run(int clients, int count, String token, List<String> patients, StringBuilder items, String override)
            throws Exception {
        long[] samples = new long[count];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            futures.add(pool.submit(() -> {
                for (int i = offset; i < count; i += clients) {
                    long t0 = System.nanoTime();
                    require(send("/api/v2/prescriptions", token, body(patients.get(i % patients.size()), items, override)));
                    samples[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return samples;
    }

    static String body(String patient, StringBuilder items, String overrides) {
        return "{\"patientId\":\"" + patient + "\",\"items\":[" + items + "],\"overrides\":" + overrides + "}";
    }

    static void report(String what, long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.1f ms, p99 %.1f ms over %d (target p99 <= 30 ms)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted.length);
    }

    static void require(HttpResponse<String> r) {
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    static HttpResponse<String> send(String path, String token, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String post(String path, String token, String json) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = CLIENT.send(builder.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(String path, String token) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
