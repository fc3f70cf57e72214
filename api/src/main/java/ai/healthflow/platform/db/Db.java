package ai.healthflow.platform.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

import java.util.UUID;

/**
 * The only way services open transactions. Each one declares its tenant scope to PostgreSQL first, which the
 * row-level security policies ({@code hf_tenant_visible}) enforce behind the services' own filters: a query that
 * forgets its tenant condition still cannot see another tenant's rows.
 */
public final class Db {
    private final Jdbi jdbi;

    public Db(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A transaction that sees only {@code tenantId}'s rows of tenant-owned tables. */
    public <R, X extends Exception> R inTenant(UUID tenantId, HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(handle -> {
            scope(handle, tenantId.toString(), "off");
            return work.withHandle(handle);
        });
    }

    /**
     * A transaction that sees every tenant: for callers whose permission is not tenant-scoped (the regulator,
     * the super admin) and for system work that has no tenant yet (login, bootstrap, invitation acceptance).
     */
    public <R, X extends Exception> R acrossTenants(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(handle -> {
            scope(handle, "", "on");
            return work.withHandle(handle);
        });
    }

    /**
     * One statement in auto-commit, with no tenant scope: only for statements that need none (tables without
     * tenant data, or a security-definer function such as {@code hf_authenticate}). Tenant-owned tables show
     * nothing here.
     */
    public <R, X extends Exception> R unscoped(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    /** Tenant scope, widened to all tenants when {@code acrossTenants} (the caller holds a global permission). */
    public <R, X extends Exception> R scoped(UUID tenantId, boolean acrossTenants, HandleCallback<R, X> work) throws X {
        return acrossTenants ? acrossTenants(work) : inTenant(tenantId, work);
    }

    private static final java.util.Set<Class<?>> SHARED_METADATA = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A SqlObject DAO on this handle: the one way DAOs are attached. Every handle starts from a copy of the
     * Jdbi-level configuration, and JDBI caches a SqlObject's metadata (a handler per method, built by reflection)
     * in the configuration it was built on; built on a handle, it would be thrown away with the handle and rebuilt
     * by every transaction (a third of an adverse-event submission's CPU, a fifth of authenticating a request).
     * Built once on the Jdbi-level configuration, every later handle inherits it.
     */
    public static <T> T dao(Handle handle, Class<T> type) {
        if (SHARED_METADATA.add(type)) {
            Extensions extensions = handle.getJdbi().getConfig(Extensions.class);
            extensions.findFactory(SqlObjectFactory.class).ifPresent(factory -> extensions.findMetadata(type, factory));
        }
        return handle.attach(type);
    }

    private static void scope(Handle handle, String tenantId, String allTenants) {
        // set_config(…, true) is local to the transaction: a pooled connection carries nothing to its next user
        handle.createQuery("SELECT set_config('app.tenant_id', :tenant, true) AS tenant, set_config('app.all_tenants', :all, true) AS all_tenants")
                .bind("tenant", tenantId)
                .bind("all", allTenants)
                .mapToMap()
                .one();
    }
}
