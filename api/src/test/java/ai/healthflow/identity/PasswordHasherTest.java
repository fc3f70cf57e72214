package ai.healthflow.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsArgon2idInPhcFormatWithOwaspParameters() {
        assertThat(hasher.hash("Correct-Horse-9"))
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("Correct-Horse-9");

        assertThat(hasher.verify("Correct-Horse-9", hash)).isTrue();
        assertThat(hasher.verify("correct-horse-9", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void sameArabicPasswordHashesDifferentlyEachTimeButVerifies() {
        String first = hasher.hash("كلمة-سر-قوية-٢٠٢٦");
        String second = hasher.hash("كلمة-سر-قوية-٢٠٢٦");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("كلمة-سر-قوية-٢٠٢٦", first)).isTrue();
        assertThat(hasher.verify("كلمة-سر-قوية-٢٠٢٦", second)).isTrue();
    }

    @Test
    void unreadableHashesNeverVerify() {
        assertThat(hasher.verify("x", "plaintext")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2$!!$??")).isFalse();
        assertThat(hasher.verifyAgainstNothing("anything")).isFalse();
    }
}
