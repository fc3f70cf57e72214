package ai.healthflow.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v2/auth/refresh}. */
public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
}
