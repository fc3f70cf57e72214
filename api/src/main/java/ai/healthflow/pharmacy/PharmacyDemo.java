package ai.healthflow.pharmacy;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.tenant.TenantDao;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dev and test demo data: five pharmacies (Cairo, Giza, Mansoura, Luxor, Alexandria) from
 * {@code /pharmacy/demo-pharmacies.json}, with profiles and, when the demo registry is loaded, some stock and
 * prices. The Cairo one is the identity demo's El-Shifa Pharmacy; the others are created as pharmacy tenants.
 * Idempotent: an existing tenant, profile or stock line is never changed.
 */
public final class PharmacyDemo {
    public static final String RESOURCE = "/pharmacy/demo-pharmacies.json";
    private static final Logger LOG = LoggerFactory.getLogger(PharmacyDemo.class);
    private static final Actor DEMO = Actor.system("demo-data");

    private final Db db;
    private final PharmacyService pharmacies;
    private final AuditLog audit;

    public PharmacyDemo(Db db, PharmacyService pharmacies, AuditLog audit) {
        this.db = db;
        this.pharmacies = pharmacies;
        this.audit = audit;
    }

    /** One demo pharmacy: its tenant, profile and stock by registration number. */
    record Entry(String type, String nameEn, String nameAr, PharmacyProfileRequest profile, List<Stock> stock) {
    }

    record Stock(String registrationNo, int quantity, BigDecimal priceEgp) {
    }

    static List<Entry> entries() {
        try (InputStream json = PharmacyDemo.class.getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("The demo pharmacies " + RESOURCE + " are missing from the build");
            }
            return new ObjectMapper().readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void load() {
        int profiles = 0;
        int stock = 0;
        for (Entry entry : entries()) {
            UUID id = tenant(entry);
            if (pharmacies.createIfAbsent(DEMO, id, entry.profile())) {
                profiles++;
            }
            stock += stock(id, entry.stock());
        }
        if (profiles > 0 || stock > 0) {
            LOG.info("Loaded {} demo pharmacies and {} stock lines", profiles, stock);
        }
    }

    private UUID tenant(Entry entry) {
        return db.acrossTenants(handle -> {
            TenantDao tenants = Db.dao(handle, TenantDao.class);
            UUID id = UUID.randomUUID();
            if (tenants.insertIfAbsent(id, entry.type(), entry.nameEn(), entry.nameAr(),
                    entry.profile().governorate()) == 1) {
                audit.record(handle, DEMO, AuditEvent.of("tenant.created", "tenant", id, id)
                        .withChanges(Map.of("nameEn", entry.nameEn(), "type", entry.type(), "demo", true)));
                return id;
            }
            return tenants.findIdByName(entry.nameEn()).orElseThrow();
        });
    }

    /** Stock for the listed medicines the registry has (none without the demo registry); existing lines stay. */
    private int stock(UUID pharmacy, List<Stock> lines) {
        return db.inTenant(pharmacy, handle -> {
            int inserted = 0;
            for (Stock line : lines) {
                inserted += handle.createUpdate("""
                                INSERT INTO pharmacy_stock (tenant_id, medicine_id, quantity, price_egp)
                                SELECT :tenant, m.id, :quantity, :price FROM medicines m
                                 WHERE upper(m.registration_no) = upper(:registrationNo)
                                ON CONFLICT (tenant_id, medicine_id) DO NOTHING
                                """)
                        .bind("tenant", pharmacy).bind("quantity", line.quantity()).bind("price", line.priceEgp())
                        .bind("registrationNo", line.registrationNo())
                        .execute();
            }
            if (inserted > 0) {
                audit.record(handle, DEMO, AuditEvent.of("pharmacy.stock_seeded", "pharmacy", pharmacy, pharmacy)
                        .withChanges(Map.of("lines", inserted, "demo", true)));
            }
            return inserted;
        });
    }
}
