package ai.healthflow.identity;

/**
 * Answer of a successful login or refresh: a bearer access token, its lifetime in seconds, a single-use refresh
 * token and who they are for.
 */
public record LoginResult(String token, String refreshToken, String tokenType, long expiresIn, CallerView user) {
}
