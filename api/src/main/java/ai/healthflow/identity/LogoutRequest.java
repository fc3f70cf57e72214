package ai.healthflow.identity;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v2/auth/logout}: the refresh token whose session ends too. */
public record LogoutRequest(@Size(max = 200) String refreshToken) {
}
