package ai.healthflow.identity;

import ai.healthflow.platform.error.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NIST SP 800-63B style rules: long enough, not the email, not a commonly used password. No composition rules
 * (they push people to predictable patterns); any Unicode text is fine, Arabic included.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;
    private final Set<String> common;

    public PasswordPolicy() {
        var in = Objects.requireNonNull(PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt"));
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            common = reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule the password breaks, as errors on {@code field}; empty when it is acceptable. */
    public List<FieldError> check(String field, String password, String email) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            errors.add(new FieldError(field, "must be at least " + MIN_LENGTH + " characters"));
            return errors;
        }
        if (password.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null) {
            String mail = email.toLowerCase(Locale.ROOT);
            String local = mail.contains("@") ? mail.substring(0, mail.indexOf('@')) : mail;
            if (lower.equals(mail) || lower.contains(mail) || (local.length() >= 4 && lower.contains(local))) {
                errors.add(new FieldError(field, "must not contain the email address"));
            }
        }
        if (common.contains(lower)) {
            errors.add(new FieldError(field, "is a commonly used password; choose another"));
        }
        return errors;
    }
}
