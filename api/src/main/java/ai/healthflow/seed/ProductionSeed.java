package ai.healthflow.seed;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.identity.IdentityBootstrap;
import ai.healthflow.identity.PasswordHasher;
import ai.healthflow.interaction.InteractionKnowledgeBase;
import ai.healthflow.pharmacy.PharmacyDirectoryFile;
import ai.healthflow.pharmacy.PharmacyDirectoryImport;
import ai.healthflow.pharmacy.PharmacyService;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.tenant.PlatformTenant;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a new production database needs besides its schema, and nothing else: the system roles and the platform
 * tenant (created by the migrations, verified here), the first super admin, the bundled interaction knowledge base
 * and, when given, a pharmacy directory file. Never a demo account. Every step is idempotent: a second run with the
 * same inputs writes nothing, not even an audit record. Each step prints one line; the last line sums up.
 */
public final class ProductionSeed {
    /** The roles the identity migration creates; the service's permission checks name them. */
    static final List<String> SYSTEM_ROLES =
            List.of("super_admin", "eda_officer", "tenant_admin", "doctor", "pharmacist", "nurse", "viewer");
    private static final Actor SEED = Actor.system("seed");

    private final Migrations migrations;
    private final Db db;
    private final AuditLog audit;
    private final Clock clock;
    private final PrintStream out;

    public ProductionSeed(Migrations migrations, Db db, AuditLog audit, Clock clock, PrintStream out) {
        this.migrations = migrations;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.out = out;
    }

    /**
     * @param migrate    apply pending migrations first; without it pending migrations stop the seed
     * @param pharmacies a directory file to import, or null
     * @return what changed and what was already there, summed over the steps
     * @throws SeedFailed            for pending migrations (without {@code migrate}), missing system roles
     * @throws ai.healthflow.pharmacy.PharmacyFileInvalid naming each bad line of the pharmacies file, before anything is written
     */
    public Totals run(String adminEmail, String adminPassword, boolean migrate, Path pharmacies) throws SQLException {
        // the file first: a bad file stops the seed before it changes anything
        PharmacyDirectoryFile.Contents directory = pharmacies == null ? null : PharmacyDirectoryFile.read(pharmacies);
        var totals = new Totals();
        Map<String, Object> done = new LinkedHashMap<>();

        Migrations.MigrationState state = migrations.state();
        if (!state.current()) {
            if (!migrate) {
                throw new SeedFailed(state.pending().size() + " database migration(s) pending (first: "
                        + state.pending().getFirst() + "). Run 'seed --production --migrate' or "
                        + "'db migrate <config>' first.");
            }
            int applied = migrations.migrate();
            done.put("migrationsApplied", applied);
            line("migrations", "applied " + applied + " change set(s); " + migrations.state().applied() + " in all");
        } else {
            line("migrations", "current (" + state.applied() + " change sets), none applied");
        }

        List<String> roles = db.acrossTenants(handle -> handle.createQuery(
                        "SELECT name FROM roles WHERE cardinality(permissions) > 0 AND name = ANY(:names) ORDER BY level, name")
                .bindArray("names", String.class, SYSTEM_ROLES).mapTo(String.class).list());
        List<String> missing = SYSTEM_ROLES.stream().filter(role -> !roles.contains(role)).toList();
        if (!missing.isEmpty()) {
            throw new SeedFailed("System role(s) " + missing + " are missing or have no permissions; they come "
                    + "from the identity migration: check 'db status <config>'.");
        }
        boolean platform = db.acrossTenants(handle -> handle.createQuery(
                "SELECT EXISTS (SELECT 1 FROM tenants WHERE id = :id)").bind("id", PlatformTenant.ID)
                .mapTo(Boolean.class).one());
        if (!platform) {
            throw new SeedFailed("The platform tenant " + PlatformTenant.ID + " is missing; it comes from the "
                    + "identity migration: check 'db status <config>'.");
        }
        line("system roles", SYSTEM_ROLES.size() + " present with their permissions (" + String.join(", ", roles)
                + "), platform tenant present");
        totals.unchanged += SYSTEM_ROLES.size() + 1;

        boolean adminCreated = new IdentityBootstrap(db, new PasswordHasher(), audit)
                .ensureSuperAdmin(adminEmail, adminPassword);
        if (adminCreated) {
            totals.created++;
            done.put("superAdminCreated", adminEmail);
            line("super admin", "created " + adminEmail);
        } else {
            totals.unchanged++;
            line("super admin", "unchanged: " + adminEmail + " exists (its password and roles are left as they are)");
        }

        Map<String, InteractionKnowledgeBase.Changes> knowledge = new InteractionKnowledgeBase(db, audit, clock).loadBundled();
        long rows = db.acrossTenants(handle -> handle.createQuery("""
                SELECT (SELECT count(*) FROM drug_classes) + (SELECT count(*) FROM drug_class_members)
                     + (SELECT count(*) FROM drug_class_interactions)
                     + (SELECT count(*) FROM drug_interactions WHERE origin = 'bundled')""").mapTo(Long.class).one());
        int kbCreated = knowledge.values().stream().mapToInt(InteractionKnowledgeBase.Changes::created).sum();
        int kbUpdated = knowledge.values().stream().mapToInt(InteractionKnowledgeBase.Changes::updated).sum();
        int kbRemoved = knowledge.values().stream().mapToInt(InteractionKnowledgeBase.Changes::removed).sum();
        long kbUnchanged = Math.max(0, rows - kbCreated - kbUpdated);
        totals.add(kbCreated, kbUpdated, kbRemoved, kbUnchanged);
        if (kbCreated + kbUpdated + kbRemoved > 0) {
            done.put("interactionKnowledge", Map.of("created", kbCreated, "updated", kbUpdated, "removed", kbRemoved));
        }
        line("interactions", counts(kbCreated, kbUpdated, kbRemoved, kbUnchanged) + " rows of the bundled "
                + "knowledge base (" + String.join(", ", knowledge.keySet()) + ")");

        if (directory != null) {
            var counts = new PharmacyDirectoryImport(db, new PharmacyService(db, audit, clock), audit)
                    .load(pharmacies, directory, SEED);
            totals.add(counts.created(), counts.updated(), 0, counts.unchanged());
            if (counts.created() + counts.updated() > 0) {
                done.put("pharmacies", Map.of("file", pharmacies.getFileName().toString(),
                        "created", counts.created(), "updated", counts.updated()));
            }
            line("pharmacies", counts(counts.created(), counts.updated(), 0, counts.unchanged()) + " from "
                    + pharmacies.getFileName() + " (sha256 " + directory.sha256().substring(0, 12) + "…)");
        } else {
            line("pharmacies", "no file given (--pharmacies <file.csv>)");
        }

        List<String> demoAccounts = demoAccounts();
        line("demo users", demoAccounts.isEmpty() ? "none (the seed never creates them)"
                : "none created; WARNING: " + demoAccounts.size() + " demo account(s) with public passwords exist: "
                + String.join(", ", demoAccounts) + " (disable them: PATCH /api/v2/users/{id} {\"status\":\"disabled\"})");

        if (!done.isEmpty()) {
            db.acrossTenants(handle -> audit.record(handle, SEED,
                    AuditEvent.of("seed.production_applied", "seed", null, null).withChanges(done)));
        }
        out.println("seed done: " + counts(totals.created, totals.updated, totals.removed, totals.unchanged));
        return totals;
    }

    private List<String> demoAccounts() {
        List<String> emails = IdentityBootstrap.DemoData.USERS.stream()
                .map(user -> user.email().toLowerCase(Locale.ROOT)).toList();
        return db.acrossTenants(handle -> handle.createQuery(
                        "SELECT email FROM users WHERE lower(email) = ANY(:emails) AND status = 'active' ORDER BY email")
                .bindArray("emails", String.class, emails).mapTo(String.class).list());
    }

    private void line(String step, String what) {
        out.printf(Locale.ROOT, "%-14s %s%n", step, what);
    }

    private static String counts(long created, long updated, long removed, long unchanged) {
        return created + " created, " + updated + " updated, " + removed + " removed, " + unchanged + " unchanged";
    }

    /** Rows (or accounts, pharmacies) the seed created, changed, removed, or found as they should be. */
    public static final class Totals {
        long created;
        long updated;
        long removed;
        long unchanged;

        void add(long created, long updated, long removed, long unchanged) {
            this.created += created;
            this.updated += updated;
            this.removed += removed;
            this.unchanged += unchanged;
        }

        public long changed() {
            return created + updated + removed;
        }
    }
}
