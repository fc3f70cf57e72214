package ai.healthflow.platform.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** dropwizard-auth's {@code @RolesAllowed} values are permission strings here; wildcards are honoured. */
public final class PermissionAuthorizer implements Authorizer<Caller> {
    @Override
    public boolean authorize(Caller caller, String permission, ContainerRequestContext requestContext) {
        return caller.can(permission);
    }
}
