package ai.healthflow.identity;

import java.util.List;

/** A role as {@code GET /api/v2/roles} shows it; level 0 is the most powerful. */
public record RoleView(String name, int level, String description, List<String> permissions) {
}
