package ai.healthflow.platform.auth;

import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource method registered with Jersey declares who may call it: a permission ({@code @RolesAllowed}),
 * any signed-in user ({@code @PermitAll}), or public on purpose ({@code @PublicEndpoint} with a reason).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessDeclarationIT {
    static final TestApp.Extension APP = TestApp.create();

    @Test
    void noResourceMethodIsLeftWithoutAnAccessDeclaration() {
        Set<Class<?>> resources = new LinkedHashSet<>();
        var config = APP.getEnvironment().jersey().getResourceConfig();
        config.getClasses().stream().filter(c -> c.isAnnotationPresent(Path.class)).forEach(resources::add);
        config.getSingletons().stream().map(Object::getClass)
                .filter(c -> c.isAnnotationPresent(Path.class)).forEach(resources::add);
        assertThat(resources).as("resources found").hasSizeGreaterThanOrEqualTo(4);

        List<String> undeclared = new ArrayList<>();
        List<String> publicOnes = new ArrayList<>();
        for (Class<?> resource : resources) {
            for (Method method : resource.getMethods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                String name = resource.getSimpleName() + "." + method.getName();
                if (method.isAnnotationPresent(PublicEndpoint.class)) {
                    assertThat(method.getAnnotation(PublicEndpoint.class).value()).as(name).isNotBlank();
                    publicOnes.add(name);
                } else if (!method.isAnnotationPresent(RolesAllowed.class) && !method.isAnnotationPresent(PermitAll.class)
                        && !resource.isAnnotationPresent(RolesAllowed.class) && !resource.isAnnotationPresent(PermitAll.class)) {
                    undeclared.add(name);
                }
            }
        }
        assertThat(undeclared).as("resource methods without @RolesAllowed, @PermitAll or @PublicEndpoint").isEmpty();
        assertThat(publicOnes).as("the deliberately public endpoints")
                .contains("HealthResource.health", "HealthResource.ready", "AuthResource.login");
    }

    private static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(Path.class) || Arrays.stream(method.getAnnotations())
                .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }
}
