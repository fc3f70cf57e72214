package ai.healthflow.interaction;

import java.util.List;

/**
 * The medicines to check against each other, at most {@value InteractionService#MAX_MEDICINES}.
 *
 * @param medicines registry medicines by id, each once
 */
public record CheckRequest(List<Item> medicines) {

    /** @param id a medicine's id (a UUID) */
    public record Item(String id) {
    }
}
