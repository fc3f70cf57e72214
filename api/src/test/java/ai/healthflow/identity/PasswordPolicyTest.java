package ai.healthflow.identity;

import ai.healthflow.platform.error.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {
    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void longUnusualPassphrasesPass() {
        assertThat(policy.check("password", "correct horse battery staple", "sara@cairo.example")).isEmpty();
        assertThat(policy.check("password", "كلمة سر طويلة جدا", "sara@cairo.example")).as("Arabic is fine").isEmpty();
    }

    @Test
    void tooShortCountsCharactersNotBytes() {
        assertThat(policy.check("password", "Short-1", null))
                .containsExactly(new FieldError("password", "must be at least 10 characters"));
        assertThat(policy.check("password", "مرحبا١٢٣٤٥", null)).as("10 Arabic characters").isEmpty();
    }

    @Test
    void theEmailOrItsNameIsRefused() {
        assertThat(policy.check("password", "Sara.Adel@Cairo.Example", "sara.adel@cairo.example"))
                .extracting(FieldError::message).contains("must not contain the email address");
        assertThat(policy.check("password", "sara.adel-2026!", "sara.adel@cairo.example")).isNotEmpty();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(policy.check("password", "PASSWORD123", null))
                .extracting(FieldError::message).containsExactly("is a commonly used password; choose another");
        assertThat(policy.check("password", "Doctor123!", null)).as("demo passwords too").isNotEmpty();
    }

    @Test
    void overlongPasswordsAreRefused() {
        assertThat(policy.check("password", "a".repeat(257), null))
                .extracting(FieldError::message).contains("must be at most 256 characters");
    }
}
