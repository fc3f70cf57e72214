package ai.healthflow.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.util.Iterator;

/**
 * Walks the whole audit log in order and recomputes every link: a record whose content was altered, a record
 * removed from the middle, or records cut from the end (the chain head remembers the last one) break the chain.
 */
public final class AuditVerifier {
    private final AuditChain chain;

    public AuditVerifier(AuditChain chain) {
        this.chain = chain;
    }

    /**
     * @param valid         whether every record verified
     * @param checked       records read
     * @param firstBrokenId id of the first record that does not verify (for a cut tail: the head's last id)
     */
    public record Result(boolean valid, long checked, Long firstBrokenId) {
    }

    /** Must run where every tenant's records are visible (all-tenants scope, or as the schema owner). */
    public Result verify(Handle handle) {
        String expectedPrevious = AuditChain.GENESIS;
        long checked = 0;
        long lastId = 0;
        try (var rows = handle.createQuery("SELECT * FROM audit_log ORDER BY id")
                .setFetchSize(1000)
                .registerRowMapper(ConstructorMapper.factory(AuditRecord.class))
                .mapTo(AuditRecord.class)
                .stream()) {
            Iterator<AuditRecord> it = rows.iterator();
            while (it.hasNext()) {
                AuditRecord record = it.next();
                checked++;
                if (!record.prevHash().equals(expectedPrevious)
                        || !chain.hash(record.prevHash(), record).equals(record.hash())) {
                    return new Result(false, checked, record.id());
                }
                expectedPrevious = record.hash();
                lastId = record.id();
            }
        }
        var head = handle.createQuery("SELECT last_id, last_hash FROM audit_chain WHERE id = 1").mapToMap().one();
        if (((Number) head.get("last_id")).longValue() != lastId || !head.get("last_hash").equals(expectedPrevious)) {
            return new Result(false, checked, ((Number) head.get("last_id")).longValue());
        }
        return new Result(true, checked, null);
    }
}
