package ai.healthflow.platform.auth;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    @Test
    void exactPermissionGrantsOnlyItself() {
        assertThat(Permissions.grants(Set.of("medicines:read"), "medicines:read")).isTrue();
        assertThat(Permissions.grants(Set.of("medicines:read"), "medicines:write")).isFalse();
    }

    @Test
    void wildcardGrantsEveryActionOfItsResourceOnly() {
        assertThat(Permissions.grants(Set.of("recalls:*"), "recalls:write")).isTrue();
        assertThat(Permissions.grants(Set.of("recalls:*"), "recalls_archive:read")).isFalse();
        assertThat(Permissions.grants(Set.of("system:*"), "system:read")).isTrue();
    }

    @Test
    void tenantScopedPermissionsDoNotGrantGlobalOnes() {
        assertThat(Permissions.grants(Set.of("tenant:users:*"), "tenant:users:write")).isTrue();
        assertThat(Permissions.grants(Set.of("tenant:users:*"), "users:write")).isFalse();
    }
}
