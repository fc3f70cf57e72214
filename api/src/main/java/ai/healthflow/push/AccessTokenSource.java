package ai.healthflow.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The OAuth 2.0 access token sent to FCM: the configured value, or the content of a file that is read again
 * whenever its modification time changes (an external job refreshes it; FCM tokens last an hour). HealthFlow does
 * not mint tokens from a service-account key itself.
 */
final class AccessTokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenSource.class);

    private final String value;
    private final Path file;
    private FileTime readAt;
    private String fromFile;
    private boolean warned;

    private AccessTokenSource(String value, Path file) {
        this.value = value;
        this.file = file;
    }

    static AccessTokenSource of(PushSettings settings) {
        if (settings.accessTokenFile() != null && !settings.accessTokenFile().isBlank()) {
            return new AccessTokenSource(null, Path.of(settings.accessTokenFile().strip()));
        }
        return new AccessTokenSource(settings.accessToken() == null ? "" : settings.accessToken().strip(), null);
    }

    /** The current token; empty when none is configured or the file cannot be read. */
    synchronized String get() {
        if (file == null) {
            return value;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                fromFile = Files.readString(file, StandardCharsets.UTF_8).strip();
                readAt = modified;
                warned = false;
            }
        } catch (IOException e) {
            if (!warned) { // the token we have may still work; say it once per problem
                LOG.warn("Cannot read the FCM access token file {} (FCM_ACCESS_TOKEN_FILE): {}", file, e.toString());
                warned = true;
            }
        }
        return fromFile == null ? "" : fromFile;
    }
}
