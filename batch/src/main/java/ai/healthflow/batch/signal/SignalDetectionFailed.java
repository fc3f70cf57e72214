package ai.healthflow.batch.signal;

import java.sql.SQLException;

/** A database error during signal detection; the step fails and a restart repeats it. */
public final class SignalDetectionFailed extends RuntimeException {
    public SignalDetectionFailed(SQLException cause) {
        super("Signal detection failed: " + cause.getMessage(), cause);
    }
}
