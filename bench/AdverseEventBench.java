import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adverse-event submission under concurrency against a running service (dev config, demo accounts and registry).
 * Run by bench/adverse-events.sh; single-file Java program, JDK only:
 * java bench/AdverseEventBench.java <baseUrl> [reports per client] [clients] [paced reports/s per client]
 *
 * Two ways to load with N clients: saturated (each client sends its next report as soon as the previous one is
 * answered: the service's capacity, and by Little's law latency = clients / throughput) and paced (each client sends
 * on a fixed schedule, latency counted from the scheduled time so a slow answer also delays the clock of the next).
 *
 * Reports vary like real ones: four reporters in three tenants, random patients (initials, age, sex), one or two
 * suspect medicines from the registry, a reaction term from a common list with an onset in the last 60 days, a
 * third of them serious. Some describe the same patient, so duplicate detection finds candidates.
 */
public class AdverseEventBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] REPORTERS = {"doctor@cairo-general.demo:Doctor123!", "nurse@cairo-general.demo:Nurse123!",
            "doctor@alex-medical.demo:Doctor123!", "pharmacist@elshifa.demo:Pharma123!"};
    static final String[] TERMS = {"Rash", "Nausea", "Vomiting", "Headache", "Dizziness", "Diarrhoea", "Pruritus",
            "Urticaria", "Angioedema", "Anaphylactic reaction", "Hypotension", "Tachycardia", "Somnolence", "Insomnia",
            "Abdominal pain", "Dyspepsia", "Fatigue", "Myalgia", "Cough", "Hepatotoxicity"};
    static final String[] ROUTES = {"oral", "intravenous", "intramuscular", "subcutaneous", "topical"};
    static final String[] OUTCOMES = {"recovered", "recovering", "not_recovered", "unknown"};
    static final String[] CRITERIA = {"hospitalisation", "life_threatening", "other_medically_important"};

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:18090";
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        double paced = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        String[] tokens = new String[REPORTERS.length];
        for (int i = 0; i < REPORTERS.length; i++) {
            String[] account = REPORTERS[i].split(":");
            tokens[i] = field(post(base + "/api/v2/auth/login", null,
                    "{\"email\":\"" + account[0] + "\",\"password\":\"" + account[1] + "\"}"), "token");
        }
        String officer = field(post(base + "/api/v2/auth/login", null,
                "{\"email\":\"officer@eda.demo\",\"password\":\"Officer123!\"}"), "token");
        List<String> medicines = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Matcher ids = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"registrationNo\"")
                    .matcher(get(base + "/api/v2/medicines?size=100&page=" + page, tokens[0]).body());
            while (ids.find()) {
                medicines.add(ids.group(1));
            }
        }
        if (medicines.size() < 10) {
            throw new IllegalStateException("the demo registry is not loaded (" + medicines.size() + " medicines)");
        }
        System.out.printf("registry: %d medicines; %d clients x %d reports%n", medicines.size(), clients, perClient);

        run(base, tokens, medicines, 8, 150, new ConcurrentLinkedQueue<>(), "warm-up");  // JIT, pool, caches
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        run(base, tokens, medicines, 1, Math.max(200, perClient), ids, "submit, 1 client");
        run(base, tokens, medicines, clients, perClient, ids, "submit, " + clients + " clients, saturated");
        paced(base, tokens, medicines, clients, perClient, paced, ids);

        List<String> sample = new ArrayList<>(ids).subList(0, Math.min(ids.size(), clients * 20));
        long[] reads = concurrently(clients, sample.size() / clients, (client, i) -> {
            HttpResponse<String> r = get(base + "/api/v2/adverse-events/" + sample.get(client * (sample.size() / clients) + i), officer);
            check(r, 200);
            return -1;
        });
        report("read one report (regulator), " + clients + " clients", reads, -1);
        long[] lists = concurrently(1, 100, (client, i) -> {
            check(get(base + "/api/v2/adverse-events?overdue=false&serious=true&size=20", officer), 200);
            return -1;
        });
        report("list serious reports (regulator), 1 client", lists, -1);
    }

    interface Call {
        /** @return the latency to record in nanoseconds, or a negative number to record the call's own duration */
        long run(int client, int i) throws Exception;
    }

    static void run(String base, String[] tokens, List<String> medicines, int clients, int perClient,
                    ConcurrentLinkedQueue<String> ids, String label) throws Exception {
        long start = System.nanoTime();
        long[] samples = concurrently(clients, perClient, (client, i) -> {
            Random random = new Random(client * 1_000_003L + i * 31L + System.nanoTime());
            HttpResponse<String> r = post(base + "/api/v2/adverse-events", tokens[(client + i) % tokens.length],
                    report(random, medicines));
            check(r, 201);
            ids.add(field(r, "id"));
            return -1;
        });
        long elapsed = System.nanoTime() - start;
        report(label, samples, (double) samples.length / (elapsed / 1e9));
    }

    /** Each client on its own fixed schedule, started at a random offset within one interval. */
    static void paced(String base, String[] tokens, List<String> medicines, int clients, int perClient, double perSecond,
                      ConcurrentLinkedQueue<String> ids) throws Exception {
        long interval = (long) (1e9 / perSecond);
        long[] offsets = new Random(7).longs(clients, 0, interval).toArray();
        long start = System.nanoTime() + 100_000_000L;
        long[] samples = concurrently(clients, perClient, (client, i) -> {
            long scheduled = start + offsets[client] + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Random random = new Random(client * 7_919L + i * 17L + System.nanoTime());
            HttpResponse<String> r = post(base + "/api/v2/adverse-events", tokens[(client + i) % tokens.length],
                    report(random, medicines));
            check(r, 201);
            ids.add(field(r, "id"));
            return System.nanoTime() - scheduled;
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        report("submit, %d clients, paced %.0f/s each".formatted(clients, perSecond), samples,
                samples.length / elapsed);
    }

    static long[] concurrently(int clients, int perClient, Call call) throws Exception {
        long[] samples = new long[clients * perClient];
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    ready.await();
                    for (int i = 0; i < perClient; i++) {
                        long t0 = System.nanoTime();
                        long latency = call.run(client, i);
                        samples[client * perClient + i] = latency >= 0 ? latency : System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            }));
        }
        ready.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " clients failed");
        }
        return samples;
    }

    static String report(Random random, List<String> medicines) {
        // a small pool of patients, so that some reports describe the same one
        String initials = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
        int age = 1 + random.nextInt(90);
        String sex = random.nextBoolean() ? "female" : "male";
        boolean serious = random.nextInt(3) == 0;
        LocalDate today = LocalDate.now();
        LocalDate start = today.minusDays(10 + random.nextInt(60));
        // three different medicines: up to two suspects and one concomitant
        int[] picked = random.ints(0, medicines.size()).distinct().limit(3).toArray();
        StringBuilder suspects = new StringBuilder();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            suspects.append(i == 0 ? "" : ",").append("""
                    {"medicineId":"%s","batchNumber":"L%04d","dose":"500 mg","route":"%s","startDate":"%s","stopDate":null,"actionTaken":"withdrawn"}"""
                    .formatted(medicines.get(picked[i]), random.nextInt(10_000),
                            ROUTES[random.nextInt(ROUTES.length)], start));
        }
        return """
                {"patient":{"initials":"%s","ageYears":%d,"sex":"%s","weightKg":%d},
                 "suspectMedicines":[%s],
                 "concomitantMedicines":[{"medicineId":"%s"}],
                 "reactions":[{"term":"%s","meddraCode":"100%05d","onsetDate":"%s","outcome":"%s"}],
                 "seriousness":{"serious":%s,"criteria":[%s]},
                 "narrative":"Benchmark report: reaction a few days after starting treatment."}"""
                .formatted(initials, age, sex, 40 + random.nextInt(60), suspects,
                        medicines.get(picked[2]), TERMS[random.nextInt(TERMS.length)],
                        random.nextInt(100_000), start.plusDays(2 + random.nextInt(7)),
                        OUTCOMES[random.nextInt(OUTCOMES.length)], serious,
                        serious ? "\"" + CRITERIA[random.nextInt(CRITERIA.length)] + "\"" : "");
    }

    static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String field(HttpResponse<String> response, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void report(String what, long[] samples, double perSecond) {
        System.out.printf("%-48s n=%-5d p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%s%n", what, samples.length,
                ms(percentile(samples, 50)), ms(percentile(samples, 90)), ms(percentile(samples, 99)),
                ms(Arrays.stream(samples).max().orElse(0)), perSecond < 0 ? "" : "  %.0f reports/s".formatted(perSecond));
    }

    static long percentile(long[] samples, int p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
