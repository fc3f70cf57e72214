package ai.healthflow.recall;

import java.util.List;
import java.util.Map;

/** The recall workflow: draft → active → completed; a draft or an active recall can be cancelled. */
final class RecallWorkflow {
    static final String DRAFT = "draft", ACTIVE = "active", COMPLETED = "completed", CANCELLED = "cancelled";
    private static final Map<String, List<String>> NEXT = Map.of(
            DRAFT, List.of(ACTIVE, CANCELLED),
            ACTIVE, List.of(COMPLETED, CANCELLED),
            COMPLETED, List.of(),
            CANCELLED, List.of());

    private RecallWorkflow() {
    }

    static boolean allows(String from, String to) {
        return NEXT.getOrDefault(from, List.of()).contains(to);
    }

    static String allowedFrom(String from) {
        List<String> next = NEXT.getOrDefault(from, List.of());
        return next.isEmpty() ? "nothing (final)" : String.join(", ", next);
    }
}
