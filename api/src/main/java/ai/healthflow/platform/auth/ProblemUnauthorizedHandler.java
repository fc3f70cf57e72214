package ai.healthflow.platform.auth;

import ai.healthflow.platform.error.Problem;
import ai.healthflow.platform.error.Problems;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** 401 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problems.forStatus(401,
                        "A valid, unexpired bearer token is required (Authorization: Bearer <token>).", null))
                .build();
    }
}
