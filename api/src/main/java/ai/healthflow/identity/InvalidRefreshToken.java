package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

/** Unknown, expired, revoked or reused refresh token: sign in again. */
public final class InvalidRefreshToken extends ApiException {
    public InvalidRefreshToken() {
        super(401, "invalid-refresh-token", "Invalid refresh token",
                "The refresh token is not valid any more; sign in again.");
    }
}
