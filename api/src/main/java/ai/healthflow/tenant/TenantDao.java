package ai.healthflow.tenant;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants. Row-level security limits what a tenant-scoped transaction sees to the caller's own tenant. */
@RegisterConstructorMapper(TenantView.class)
public interface TenantDao {
    String COLUMNS = "id, type, name_en, name_ar, governorate, status, created_at, updated_at";
    String FILTER = """
             WHERE (CAST(:type AS text) IS NULL OR type = :type)
               AND (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:q AS text) IS NULL OR name_en ILIKE '%' || :q || '%' OR name_ar LIKE '%' || :q || '%')
            """;

    @SqlQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = :id")
    Optional<TenantView> find(@Bind("id") UUID id);

    @SqlQuery("SELECT id FROM tenants WHERE lower(name_en) = lower(:nameEn)")
    Optional<UUID> findIdByName(@Bind("nameEn") String nameEn);

    /** {@code orderBy} comes from {@code PageRequest.orderBy}'s allow-list, never from the client. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tenants" + FILTER + " ORDER BY <orderBy> LIMIT :limit OFFSET :offset")
    List<TenantView> list(@Bind("type") String type, @Bind("status") String status, @Bind("q") String q,
                          @Define("orderBy") String orderBy, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM tenants" + FILTER)
    long count(@Bind("type") String type, @Bind("status") String status, @Bind("q") String q);

    /** 1 when inserted, 0 when a tenant of that English name exists. */
    @SqlUpdate("""
            INSERT INTO tenants (id, type, name_en, name_ar, governorate)
            VALUES (:id, :type, :nameEn, :nameAr, :governorate)
            ON CONFLICT ((lower(name_en))) DO NOTHING
            """)
    int insertIfAbsent(@Bind("id") UUID id, @Bind("type") String type, @Bind("nameEn") String nameEn,
                       @Bind("nameAr") String nameAr, @Bind("governorate") String governorate);

    @SqlUpdate("""
            UPDATE tenants SET name_en = :nameEn, name_ar = :nameAr, governorate = :governorate, status = :status,
                               updated_at = :now
             WHERE id = :id
            """)
    void update(@Bind("id") UUID id, @Bind("nameEn") String nameEn, @Bind("nameAr") String nameAr,
                @Bind("governorate") String governorate, @Bind("status") String status, @Bind("now") Instant now);
}
