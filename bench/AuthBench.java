import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Login latency (Argon2id cost included) and the overhead of an authenticated request, against a running service.
 * Run by bench/auth.sh; single-file Java program, JDK only: java bench/AuthBench.java <baseUrl> [logins] [requests]
 */
public class AuthBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:18080";
        int logins = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        String body = "{\"email\":\"admin@healthflow.ai\",\"password\":\"Admin123!\"}";

        for (int i = 0; i < 20; i++) { // warm-up: JIT, pool, caches
            post(base + "/api/v2/auth/login", body);
        }
        long[] login = new long[logins];
        String token = null;
        for (int i = 0; i < logins; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = post(base + "/api/v2/auth/login", body);
            login[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
            }
            String json = response.body();
            int start = json.indexOf("\"token\":\"") + 9;
            token = json.substring(start, json.indexOf('"', start));
        }
        report("login (POST /api/v2/auth/login)", login);

        long[] anonymous = time(base + "/api/v2/docs/init.js", null, requests);
        long[] authenticated = time(base + "/api/v2/me", token, requests);
        report("unauthenticated baseline (GET /api/v2/docs/init.js)", anonymous);
        report("authenticated (GET /api/v2/me)", authenticated);
        System.out.printf("authenticated request overhead: p50 %.3f ms, p99 %.3f ms%n",
                ms(percentile(authenticated, 50) - percentile(anonymous, 50)),
                ms(percentile(authenticated, 99) - percentile(anonymous, 99)));
    }

    static long[] time(String url, String token, int n) throws Exception {
        for (int i = 0; i < 500; i++) {
            get(url, token);
        }
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(url, token);
            samples[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        }
        return samples;
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void report(String what, long[] samples) {
        System.out.printf("%-55s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, samples.length,
                ms(percentile(samples, 50)), ms(percentile(samples, 90)), ms(percentile(samples, 99)),
                ms(Arrays.stream(samples).max().orElse(0)));
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
