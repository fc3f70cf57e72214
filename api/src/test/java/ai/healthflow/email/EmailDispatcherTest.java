package ai.healthflow.email;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EmailDispatcherTest {

    @Test
    void backoffDoublesFromThirtySecondsUpToAnHour() {
        assertThat(EmailDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(EmailDispatcher.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(EmailDispatcher.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(EmailDispatcher.backoff(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(EmailDispatcher.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(EmailDispatcher.backoff(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void errorsAreStoredAsOneShortLine() {
        var failure = new EmailDeliveryException("Invalid Addresses: 550 5.1.1\r\n  mailbox unavailable", null);
        assertThat(EmailDispatcher.shortError(failure)).isEqualTo("Invalid Addresses: 550 5.1.1 mailbox unavailable");
        assertThat(EmailDispatcher.shortError(new IllegalStateException("x".repeat(2_000)))).hasSize(500);
        assertThat(EmailDispatcher.shortError(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void settingsNeverPrintThePassword() {
        var settings = new EmailSettings("smtp.example.org", 587, "mailer", "s3cret", true, "a@example.org", 10);
        assertThat(settings.toString()).doesNotContain("s3cret").contains("smtp.example.org");
        assertThat(settings.smtpConfigured()).isTrue();
        assertThat(new EmailSettings(" ", 587, null, null, true, "a@example.org", 10).smtpConfigured()).isFalse();
        assertThat(new EmailSettings(null, 587, null, null, true, "a@example.org", 10).smtpConfigured()).isFalse();
    }
}
