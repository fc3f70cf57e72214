package ai.healthflow.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that is deliberately reachable without a token: health probes, login, the API
 * description. Every other resource method declares {@code @RolesAllowed("permission")} or {@code @PermitAll}; a
 * test fails the build when a method declares none.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicEndpoint {
    /** Why it is public, for the reader and the security review. */
    String value();
}
