package ai.healthflow.prescription;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Short human-readable codes: 8 Crockford base-32 characters in two groups ({@code 7K4M-9Q2P}), 40 random bits. No
 * I, L, O or U, so a code read aloud or typed from paper is not mistaken; input is normalised the same way.
 */
final class PrescriptionCodes {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrescriptionCodes() {
    }

    static String next() {
        char[] code = new char[9];
        for (int i = 0; i < 9; i++) {
            code[i] = i == 4 ? '-' : ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(code);
    }

    /** What was typed, as stored: upper case, O → 0, I/L → 1, dash optional. */
    static String normalize(String typed) {
        String s = typed.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        return s.length() == 8 ? s.substring(0, 4) + "-" + s.substring(4) : s;
    }
}
