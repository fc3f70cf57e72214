package ai.healthflow.push;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code devices} table. Row-level security limits a tenant-scoped transaction to the caller's tenant. */
@RegisterConstructorMapper(DeviceRow.class)
public interface DeviceDao {
    String COLUMNS = "id, tenant_id, user_id, platform, token, language, created_at, last_seen_at";

    /** Locks the token's row, whoever owns it, so concurrent registrations of one token take turns. */
    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE token = :token FOR UPDATE")
    Optional<DeviceRow> lockByToken(@Bind("token") String token);

    /** Empty when the token was registered meanwhile by a concurrent request (then lock it and start over). */
    @SqlQuery("""
            INSERT INTO devices (tenant_id, user_id, platform, token, language)
            VALUES (:tenantId, :userId, :platform, :token, :language)
            ON CONFLICT (token) DO NOTHING
            RETURNING\s""" + COLUMNS)
    Optional<DeviceRow> insertIfAbsent(@Bind("tenantId") UUID tenantId, @Bind("userId") UUID userId,
                                       @Bind("platform") String platform, @Bind("token") String token,
                                       @Bind("language") String language);

    @SqlQuery("UPDATE devices SET platform = :platform, language = :language, last_seen_at = now() WHERE id = :id"
            + " RETURNING " + COLUMNS)
    DeviceRow touch(@Bind("id") UUID id, @Bind("platform") String platform, @Bind("language") String language);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE user_id = :userId AND tenant_id = :tenantId"
            + " ORDER BY last_seen_at DESC, id")
    List<DeviceRow> listOwn(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId);

    /** The user's devices beyond the {@code keep} most recently seen ones. */
    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE user_id = :userId AND tenant_id = :tenantId"
            + " ORDER BY last_seen_at DESC, created_at DESC, id OFFSET :keep")
    List<DeviceRow> beyondNewest(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId, @Bind("keep") int keep);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE id = :id AND user_id = :userId AND tenant_id = :tenantId")
    Optional<DeviceRow> findOwn(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId);

    @SqlQuery("DELETE FROM devices WHERE id = :id RETURNING " + COLUMNS)
    Optional<DeviceRow> delete(@Bind("id") UUID id);

    /** Pushes still waiting for the device will never reach it: failed, with the reason. */
    @SqlUpdate("""
            UPDATE push_outbox SET status = 'failed', last_error = :reason
             WHERE device_id = :deviceId AND status = 'pending'
            """)
    int failPending(@Bind("deviceId") UUID deviceId, @Bind("reason") String reason);
}
