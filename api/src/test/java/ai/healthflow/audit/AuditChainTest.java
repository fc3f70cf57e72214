package ai.healthflow.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainTest {
    static final String KEY = "audit-key-0123456789abcdefghijklmnopqrstuv";
    final AuditChain chain = new AuditChain(KEY);
    final AuditRecord record = new AuditRecord(7, Instant.parse("2026-11-22T10:00:00.123456Z"), UUID.randomUUID(),
            "a@b.eg", UUID.randomUUID(), "tenant.updated", "tenant", "t1", "{\"nameEn\":{\"from\":\"A\",\"to\":\"B\"}}",
            "req-1", "10.0.0.1", "curl/8", "prev", null);

    @Test
    void sameRecordAndPreviousHashGiveTheSameHash() {
        assertThat(chain.hash("prev", record)).isEqualTo(new AuditChain(KEY).hash("prev", record)).hasSize(64);
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        String original = chain.hash("prev", record);
        var altered = new AuditRecord(record.id(), record.occurredAt(), record.actorId(), "someone@else.eg",
                record.tenantId(), record.action(), record.entityType(), record.entityId(), record.changes(),
                record.requestId(), record.ip(), record.userAgent(), record.prevHash(), null);

        assertThat(chain.hash("prev", altered)).isNotEqualTo(original);
        assertThat(chain.hash("other-prev", record)).isNotEqualTo(original);
        assertThat(new AuditChain(KEY + "x").hash("prev", record)).as("another key").isNotEqualTo(original);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not canonicalise alike
        var one = new AuditRecord(1, record.occurredAt(), null, "ab", null, "c", "x", null, "{}", null, null, null, "p", null);
        var two = new AuditRecord(1, record.occurredAt(), null, "a", null, "bc", "x", null, "{}", null, null, null, "p", null);

        assertThat(chain.hash("p", one)).isNotEqualTo(chain.hash("p", two));
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new AuditChain("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changesKeepOnlyDifferingFields() {
        assertThat(Changes.between(Map.of("a", 1, "b", "x"), Map.of("a", 1, "b", "y", "c", true)))
                .containsOnlyKeys("b", "c")
                .containsEntry("b", Map.of("from", "x", "to", "y"));
    }
}
