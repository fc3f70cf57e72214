package ai.healthflow.ops;

import ai.healthflow.testing.TestApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the operations scripts of {@code deploy/scripts/} as an operator or a CI job does: as processes. */
final class DeployScripts {
    private DeployScripts() {
    }

    /** What a script printed (stdout and stderr together) and how it ended. */
    record Outcome(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }

        /** The last line: the verdict, or the failing step. */
        String last() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    static Path script(String name) {
        return TestApp.configFile(".").resolveSibling("deploy").resolve("scripts").resolve(name);
    }

    static Outcome run(String name, String baseUrl, Map<String, String> environment) {
        var command = new ArrayList<>(List.of(script(name).toString(), baseUrl));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not end within 180 s; output:\n" + output);
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A local port where nothing listens (it was free a moment ago). */
    static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Path.of(dir, tool).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }
}
