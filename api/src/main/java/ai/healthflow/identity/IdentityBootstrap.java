package ai.healthflow.identity;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * What identity needs at start: the first super admin (from {@code HEALTHFLOW_ADMIN_EMAIL}/{@code _PASSWORD}) and,
 * in dev, the demo tenants and users. Idempotent: existing users are never modified, so restarting with other
 * passwords does not silently reset anyone's.
 */
public final class IdentityBootstrap {
    /** The platform operator's own tenant, created by the identity migration. */
    public static final UUID PLATFORM_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final Jdbi jdbi;
    private final PasswordHasher hasher;

    public IdentityBootstrap(Jdbi jdbi, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.hasher = hasher;
    }

    public void ensureSuperAdmin(String email, String password) {
        jdbi.useTransaction(handle -> {
            IdentityDao dao = handle.attach(IdentityDao.class);
            if (dao.findUserByEmail(email).isPresent()) {
                return;
            }
            UUID id = UUID.randomUUID();
            dao.insertUser(id, email, "Platform Administrator", hasher.hash(password));
            dao.insertMembership(id, PLATFORM_TENANT, "super_admin");
            LOG.info("Created the first super admin {}", email);
        });
    }

    public void loadDemoData() {
        jdbi.useTransaction(handle -> {
            IdentityDao dao = handle.attach(IdentityDao.class);
            for (DemoData.Tenant tenant : DemoData.TENANTS) {
                if (dao.findTenantIdByName(tenant.nameEn()).isEmpty()) {
                    dao.insertTenant(UUID.randomUUID(), tenant.type(), tenant.nameEn(), tenant.nameAr(),
                            tenant.governorate());
                }
            }
            int created = 0;
            for (DemoData.User user : DemoData.USERS) {
                if (dao.findUserByEmail(user.email()).isPresent()) {
                    continue;
                }
                UUID tenantId = dao.findTenantIdByName(user.tenant()).orElseThrow();
                UUID id = UUID.randomUUID();
                dao.insertUser(id, user.email(), user.name(), hasher.hash(user.password()));
                dao.insertMembership(id, tenantId, user.role());
                created++;
            }
            if (created > 0) {
                LOG.info("Loaded {} demo users", created);
            }
        });
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
