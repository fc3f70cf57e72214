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

    /**
     * Must run where every tenant's records are visible (all-tenants scope, or as the schema owner). Safe while
     * records are being written: the chain's head is read first and only records up to it are checked — writers
     * append under the head's row lock, so every record numbered up to the head had committed when it was read.
     */
    public Result verify(Handle handle) {
        var head = handle.createQuery("SELECT last_id, last_hash FROM audit_chain WHERE id = 1").mapToMap().one();
        long headId = ((Number) head.get("last_id")).longValue();
        String expectedPrevious = AuditChain.GENESIS;
        long checked = 0;
        long lastId = 0;
        try (var rows = handle.createQuery("SELECT * FROM audit_log WHERE id <= :head ORDER BY id")
                .bind("head", headId)
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
        if (headId != lastId || !head.get("last_hash").equals(expectedPrevious)) {
            return new Result(false, checked, headId);
        }
        // a record past the head that the head does not follow was not appended through the chain (one snapshot:
        // records committed by writers since the head was read have moved the head too)
        Long outside = handle.createQuery("SELECT min(l.id) FROM audit_log l, audit_chain c WHERE c.id = 1 AND l.id > c.last_id")
                .mapTo(Long.class).one();
        if (outside != null) {
            return new Result(false, checked, outside);
        }
        return new Result(true, checked, null);
    }
}
