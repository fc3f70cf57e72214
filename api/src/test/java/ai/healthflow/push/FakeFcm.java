package ai.healthflow.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for FCM's HTTP v1 send endpoint: records every request and answers from a script per device
 * token (200 with a message name when nothing is scripted).
 */
final class FakeFcm implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as FCM would have received it. */
    record Received(String method, String path, String authorization, String contentType, JsonNode body) {
        String token() {
            return body.path("message").path("token").asText();
        }
    }

    /** A scripted answer. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer ok(String name) {
            return new Answer(200, "{\"name\":\"" + name + "\"}", Map.of());
        }

        static Answer error(int status, String statusText, String errorCode, String message, Map<String, String> headers) {
            String details = errorCode == null ? "[]"
                    : "[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + errorCode + "\"}]";
            return new Answer(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\""
                    + statusText + "\",\"details\":" + details + "}}", headers);
        }

        static Answer unregistered() {
            return error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", Map.of());
        }

        static Answer unavailable(String retryAfterSeconds) {
            return error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.",
                    Map.of("Retry-After", retryAfterSeconds));
        }

        static Answer internal() {
            return error(500, "INTERNAL", "INTERNAL", "Internal error encountered.", Map.of());
        }

        static Answer unauthenticated() {
            return error(401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials.", Map.of());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();

    FakeFcm() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers for this token, in order; afterwards 200 again. */
    void script(String token, Answer... answers) {
        scripts.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** This answer for every request with this token. */
    void always(String token, Answer answer) {
        always.put(token, answer);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedFor(String token) {
        return received.stream().filter(r -> r.token().equals(token)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(bytes.length == 0 ? "{}" : new String(bytes, StandardCharsets.UTF_8));
            var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            received.add(request);
            Answer answer = always.get(request.token());
            if (answer == null) {
                Deque<Answer> script = scripts.get(request.token());
                answer = script == null ? null : script.pollFirst();
            }
            if (answer == null) {
                answer = Answer.ok("projects/healthflow-test/messages/" + names.incrementAndGet());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
