package ai.healthflow.platform.auth;

import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;

/**
 * Who does something and from where: the signed-in caller (null for anonymous actions such as login) and the
 * request's metadata. Services take it so they can check permissions and write the audit record.
 */
public record Actor(Caller caller, RequestMeta request) {

    public static Actor of(Caller caller, HttpServletRequest http) {
        return new Actor(caller, RequestMeta.of(http));
    }

    public static Actor anonymous(HttpServletRequest http) {
        return new Actor(null, RequestMeta.of(http));
    }

    public static Actor system(String source) {
        return new Actor(null, RequestMeta.system(source));
    }

    public UUID userId() {
        return caller == null ? null : caller.userId();
    }

    public String email() {
        return caller == null ? null : caller.email();
    }

    public UUID tenantId() {
        return caller == null ? null : caller.tenantId();
    }
}
