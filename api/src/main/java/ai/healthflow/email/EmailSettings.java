package ai.healthflow.email;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Outgoing mail.
 *
 * @param smtpHost    SMTP server ({@code SMTP_HOST}); blank or null: no SMTP, messages are logged and held pending
 * @param smtpPort    its port, usually 587 with STARTTLS
 * @param username    SMTP login; blank: no authentication
 * @param password    SMTP password
 * @param startTls    require STARTTLS (with a verified server certificate) before anything else is sent
 * @param from        the From address, optionally with a name: {@code HealthFlow <no-reply@example.org>}
 * @param maxAttempts delivery attempts before a message is marked failed
 */
public record EmailSettings(
        @JsonProperty String smtpHost,
        @JsonProperty @Min(1) @Max(65535) int smtpPort,
        @JsonProperty String username,
        @JsonProperty String password,
        @JsonProperty boolean startTls,
        @JsonProperty @NotBlank String from,
        @JsonProperty @Min(1) @Max(100) int maxAttempts) {

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    boolean authenticates() {
        return username != null && !username.isBlank();
    }

    /** Without the password: settings get logged. */
    @Override
    public String toString() {
        return "EmailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "(none)" : "***") + ", startTls="
                + startTls + ", from=" + from + ", maxAttempts=" + maxAttempts + "]";
    }
}
