package ai.healthflow.identity;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.tenant.PlatformTenant;
import ai.healthflow.tenant.TenantDao;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What identity needs at start: the first super admin (from {@code HEALTHFLOW_ADMIN_EMAIL}/{@code _PASSWORD}) and,
 * in dev, the demo tenants and users. Idempotent and safe when several replicas start at once: existing users are
 * never modified, so restarting with other passwords does not silently reset anyone's.
 */
public final class IdentityBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
    private static final Actor BOOTSTRAP = Actor.system("bootstrap");

    private final Db db;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public IdentityBootstrap(Db db, PasswordHasher hasher, AuditLog audit) {
        this.db = db;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** @return whether the super admin was created now (false: the email exists, and is left as it is) */
    public boolean ensureSuperAdmin(String email, String password) {
        return db.acrossTenants(handle -> {
            if (createUser(handle, email, password, "Platform Administrator", PlatformTenant.ID, "super_admin")) {
                LOG.info("Created the first super admin {}", email);
                return true;
            }
            return false;
        });
    }

    public void loadDemoData() {
        db.acrossTenants(handle -> {
            IdentityDao dao = Db.dao(handle, IdentityDao.class);
            TenantDao tenants = Db.dao(handle, TenantDao.class);
            for (DemoData.Tenant tenant : DemoData.TENANTS) {
                UUID id = UUID.randomUUID();
                if (tenants.insertIfAbsent(id, tenant.type(), tenant.nameEn(), tenant.nameAr(), tenant.governorate()) == 1) {
                    audit.record(handle, BOOTSTRAP, AuditEvent.of("tenant.created", "tenant", id, id)
                            .withChanges(Map.of("nameEn", tenant.nameEn(), "type", tenant.type(), "demo", true)));
                }
            }
            int created = 0;
            for (DemoData.User user : DemoData.USERS) {
                UUID tenantId = tenants.findIdByName(user.tenant()).orElseThrow();
                if (dao.findUserByEmail(user.email()).isEmpty()
                        && createUser(handle, user.email(), user.password(), user.name(), tenantId, user.role())) {
                    created++;
                }
            }
            if (created > 0) {
                LOG.info("Loaded {} demo users", created);
            }
            return null;
        });
    }

    /** Creates the user with one membership unless the email exists (another replica may be doing the same). */
    private boolean createUser(Handle handle, String email, String password, String name, UUID tenantId, String role) {
        IdentityDao dao = Db.dao(handle, IdentityDao.class);
        if (dao.findUserByEmail(email).isPresent()) {
            return false;
        }
        Optional<UUID> id = dao.insertUser(UUID.randomUUID(), email, name, hasher.hash(password));
        if (id.isEmpty()) {
            return false;
        }
        dao.insertMembership(id.get(), tenantId, role);
        audit.record(handle, BOOTSTRAP, AuditEvent.of("user.created", "user", id.get(), tenantId)
                .withChanges(Map.of("email", email, "role", role)));
        return true;
    }

    /** The demo tenants and users that docs and tests rely on (dev only; production refuses demo data). */
    public static final class DemoData {
        private DemoData() {
        }

        public record Tenant(String type, String nameEn, String nameAr, String governorate) {
        }

        public record User(String email, String password, String name, String role, String tenant) {
        }

        public static final List<Tenant> TENANTS = List.of(
                new Tenant("regulator", "Egyptian Drug Authority", "هيئة الدواء المصرية", "Cairo"),
                new Tenant("hospital", "Cairo General Hospital", "مستشفى القاهرة العام", "Cairo"),
                new Tenant("hospital", "Alexandria Medical Center", "مركز الإسكندرية الطبي", "Alexandria"),
                new Tenant("pharmacy", "El-Shifa Pharmacy", "صيدلية الشفاء", "Cairo"));

        public static final List<User> USERS = List.of(
                new User("officer@eda.demo", "Officer123!", "Dr. Mona Hassan", "eda_officer", "Egyptian Drug Authority"),
                new User("viewer@eda.demo", "Viewer123!", "Karim Adel", "viewer", "Egyptian Drug Authority"),
                new User("admin@cairo-general.demo", "Tenant123!", "Hala Mahmoud", "tenant_admin", "Cairo General Hospital"),
                new User("doctor@cairo-general.demo", "Doctor123!", "Dr. Ahmed Farouk", "doctor", "Cairo General Hospital"),
                new User("nurse@cairo-general.demo", "Nurse123!", "Sara Ibrahim", "nurse", "Cairo General Hospital"),
                new User("doctor@alex-medical.demo", "Doctor123!", "Dr. Youssef Nabil", "doctor", "Alexandria Medical Center"),
                new User("pharmacist@elshifa.demo", "Pharma123!", "Dr. Nour El-Din Samir", "pharmacist", "El-Shifa Pharmacy"));

        /** Every password that exists only for the demo; production refuses them as bootstrap passwords. */
        public static final List<String> PASSWORDS = List.of(
                "Admin123!", "Officer123!", "Viewer123!", "Tenant123!", "Doctor123!", "Nurse123!", "Pharma123!");
    }
}
