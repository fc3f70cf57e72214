package ai.healthflow.identity;

/** Answer of a successful login: a bearer token, its lifetime in seconds and who it is for. */
public record LoginResult(String token, String tokenType, long expiresIn, CallerView user) {
}
