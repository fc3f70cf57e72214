package ai.healthflow.platform.config;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.identity.IdentityBootstrap;
import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.push.PushSettings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * With {@code security.enforceProductionSecrets} (production.yml) the service refuses to start on a secret that is
 * missing, short, a known default or a demo password, and on dev-only switches. Every problem is listed at once,
 * so an operator fixes them in one go.
 */
public final class ProductionPolicy {
    private static final Set<String> WEAK_DATABASE_PASSWORDS =
            Set.of("", "postgres", "password", "healthflow", "changeme", "secret", "admin");
    private static final int MIN_ADMIN_PASSWORD = 12;

    private ProductionPolicy() {
    }

    public static List<String> violations(HealthFlowConfiguration config) {
        List<String> problems = new ArrayList<>();
        if (!config.security().enforceProductionSecrets()) {
            return problems;
        }
        String jwtSecret = config.security().jwtSecret();
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < AccessTokens.MIN_SECRET_BYTES) {
            problems.add("HEALTHFLOW_JWT_SECRET must be at least 32 bytes of random data (e.g. openssl rand -base64 48)");
        }
        if (isPlaceholder(jwtSecret) || jwtSecret.chars().distinct().count() < 10) {
            problems.add("HEALTHFLOW_JWT_SECRET is a default or low-entropy value; generate a random one");
        }
        String auditKey = config.security().auditKey();
        if (auditKey.getBytes(StandardCharsets.UTF_8).length < AccessTokens.MIN_SECRET_BYTES
                || isPlaceholder(auditKey) || auditKey.chars().distinct().count() < 10) {
            problems.add("HEALTHFLOW_AUDIT_KEY must be at least 32 bytes of random data, not a default");
        }
        if (auditKey.equals(jwtSecret)) {
            problems.add("HEALTHFLOW_AUDIT_KEY must differ from HEALTHFLOW_JWT_SECRET");
        }
        String adminPassword = config.bootstrap().adminPassword();
        if (IdentityBootstrap.DemoData.PASSWORDS.contains(adminPassword) || isPlaceholder(adminPassword)) {
            problems.add("HEALTHFLOW_ADMIN_PASSWORD is a demo or example password; choose another");
        }
        if (adminPassword.length() < MIN_ADMIN_PASSWORD) {
            problems.add("HEALTHFLOW_ADMIN_PASSWORD must be at least " + MIN_ADMIN_PASSWORD + " characters");
        }
        if (adminPassword.equalsIgnoreCase(config.bootstrap().adminEmail())) {
            problems.add("HEALTHFLOW_ADMIN_PASSWORD must not be the email address");
        }
        if (config.bootstrap().demoData() || config.bootstrap().demoRegistry()) {
            problems.add("HEALTHFLOW_DEMO_DATA must be false in production (demo accounts have public passwords)");
        }
        if (config.database().embedded()) {
            problems.add("database.embedded must be false in production; set DATABASE_URL");
        }
        String dbPassword = config.database().dataSource().getPassword();
        if (dbPassword == null || WEAK_DATABASE_PASSWORDS.contains(dbPassword.toLowerCase(Locale.ROOT))
                || isPlaceholder(dbPassword)) {
            problems.add("DATABASE_PASSWORD is missing, a well-known default or an example value");
        }
        pushViolations(config.push(), problems);
        return problems;
    }

    /** Push, when enabled, needs a project, a token and TLS; without them every push would wait or fail. */
    private static void pushViolations(PushSettings push, List<String> problems) {
        if (!push.enabled()) {
            return;
        }
        if (push.projectId().isBlank()) {
            problems.add("FCM_PROJECT_ID must be set when PUSH_ENABLED=true");
        }
        if (!push.hasAccessToken()) {
            problems.add("FCM_ACCESS_TOKEN or FCM_ACCESS_TOKEN_FILE must be set when PUSH_ENABLED=true");
        } else if (push.accessToken() != null && isPlaceholder(push.accessToken())) {
            problems.add("FCM_ACCESS_TOKEN is an example value");
        }
        if (!push.usesTls()) {
            problems.add("FCM_ENDPOINT must be an https:// URL (the access token is sent to it)");
        }
    }

    /** Values shipped in this repository as examples (dev.yml, deploy/docker/.env.example) are public. */
    private static boolean isPlaceholder(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        return lower.contains("dev-only") || lower.contains("change-me") || lower.contains("changeme");
    }

    /** @throws IllegalStateException listing every violation */
    public static void enforce(HealthFlowConfiguration config) {
        List<String> problems = violations(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with an unsafe production configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
