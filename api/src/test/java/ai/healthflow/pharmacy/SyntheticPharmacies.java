package ai.healthflow.pharmacy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Many synthetic pharmacies for benchmarks and tests: pharmacy tenants with profiles spread over Egypt's 27
 * governorates (around each capital, in proportion to its population), a mix of opening hours, and stock of the
 * registry's most widely shared medicines at prices a little under the official one. Written straight into the
 * database over JDBC as its owner (no audit records): setup, not business activity. Deterministic for a seed.
 *
 * <p>Used by {@code bench/PharmacyBench.java} (with {@code api/target/test-classes} on the class path) and by
 * {@code PharmacyNearbyBruteForceIT}.
 */
public final class SyntheticPharmacies {
    private static final int BATCH = 5_000;

    /** A governorate's capital, its share of the population (millions) and how far its pharmacies spread (km). */
    record Governorate(String name, String cityEn, String cityAr, double lat, double lng, double weight,
                       double spreadKm) {
    }

    static final List<Governorate> GOVERNORATES = List.of(
            new Governorate("Cairo", "Cairo", "القاهرة", 30.0444, 31.2357, 10.1, 10),
            new Governorate("Giza", "Giza", "الجيزة", 30.0131, 31.2089, 9.2, 12),
            new Governorate("Alexandria", "Alexandria", "الإسكندرية", 31.2001, 29.9187, 5.5, 10),
            new Governorate("Qaliubiya", "Banha", "بنها", 30.4660, 31.1858, 6.0, 15),
            new Governorate("Sharkia", "Zagazig", "الزقازيق", 30.5877, 31.5020, 7.7, 20),
            new Governorate("Dakahlia", "Mansoura", "المنصورة", 31.0409, 31.3785, 6.9, 20),
            new Governorate("Beheira", "Damanhour", "دمنهور", 31.0341, 30.4682, 6.8, 25),
            new Governorate("Gharbia", "Tanta", "طنطا", 30.7865, 31.0004, 5.3, 15),
            new Governorate("Menofia", "Shebin El Kom", "شبين الكوم", 30.5526, 31.0090, 4.6, 15),
            new Governorate("Kafr El Sheikh", "Kafr El Sheikh", "كفر الشيخ", 31.1107, 30.9388, 3.7, 20),
            new Governorate("Damietta", "Damietta", "دمياط", 31.4175, 31.8144, 1.6, 10),
            new Governorate("Port Said", "Port Said", "بورسعيد", 31.2653, 32.3019, 0.8, 6),
            new Governorate("Ismailia", "Ismailia", "الإسماعيلية", 30.5965, 32.2715, 1.4, 10),
            new Governorate("Suez", "Suez", "السويس", 29.9668, 32.5498, 0.8, 8),
            new Governorate("Fayoum", "Fayoum", "الفيوم", 29.3084, 30.8428, 3.9, 15),
            new Governorate("Beni Suef", "Beni Suef", "بني سويف", 29.0661, 31.0994, 3.4, 15),
            new Governorate("Minya", "Minya", "المنيا", 28.1099, 30.7503, 6.0, 25),
            new Governorate("Assiut", "Assiut", "أسيوط", 27.1783, 31.1859, 4.8, 20),
            new Governorate("Sohag", "Sohag", "سوهاج", 26.5591, 31.6957, 5.5, 20),
            new Governorate("Qena", "Qena", "قنا", 26.1551, 32.7160, 3.6, 20),
            new Governorate("Luxor", "Luxor", "الأقصر", 25.6872, 32.6396, 1.4, 10),
            new Governorate("Aswan", "Aswan", "أسوان", 24.0889, 32.8998, 1.6, 15),
            new Governorate("Red Sea", "Hurghada", "الغردقة", 27.2579, 33.8116, 0.4, 10),
            new Governorate("New Valley", "Kharga", "الخارجة", 25.4390, 30.5586, 0.25, 15),
            new Governorate("Matrouh", "Marsa Matrouh", "مرسى مطروح", 31.3543, 27.2373, 0.5, 15),
            new Governorate("North Sinai", "Arish", "العريش", 31.1316, 33.7984, 0.5, 10),
            new Governorate("South Sinai", "El Tor", "الطور", 28.2364, 33.6254, 0.1, 15));

    private static final OpeningHours.Interval DAY = new OpeningHours.Interval("09:00", "23:00");
    private static final OpeningHours.Interval FRIDAY = new OpeningHours.Interval("13:00", "23:00");
    private static final OpeningHours.Interval LATE = new OpeningHours.Interval("10:00", "02:00");
    /** 20 % around the clock, 60 % 09:00-23:00 (Friday from 13:00), 20 % 10:00-02:00 every day. */
    private static final List<OpeningHours> HOURS = List.of(OpeningHours.aroundTheClock(),
            new OpeningHours(false, List.of(DAY), List.of(DAY), List.of(DAY), List.of(DAY), List.of(DAY),
                    List.of(DAY), List.of(FRIDAY)),
            new OpeningHours(false, List.of(LATE), List.of(LATE), List.of(LATE), List.of(LATE), List.of(LATE),
                    List.of(LATE), List.of(LATE)));

    private SyntheticPharmacies() {
    }

    /** What was inserted. */
    public record Result(List<UUID> ids, int stockLines, List<UUID> medicines) {
    }

    /**
     * Inserts {@code count} pharmacies named {@code "<prefix> <n>"} and their stock.
     *
     * @param owner     a connection as the schema owner or a superuser (row-level security does not apply)
     * @param medicines how many of the registry's medicines to stock (each pharmacy holds about 70 % of them)
     */
    public static Result insert(Connection owner, String prefix, int count, int medicines, long seed)
            throws SQLException {
        var random = new Random(seed);
        double totalWeight = GOVERNORATES.stream().mapToDouble(Governorate::weight).sum();
        List<UUID> ids = new ArrayList<>(count);
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (PreparedStatement tenants = owner.prepareStatement("""
                INSERT INTO tenants (id, type, name_en, name_ar, governorate)
                SELECT id, 'pharmacy', name_en, name_ar, governorate
                  FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS t(id, name_en, name_ar, governorate)
                """);
             PreparedStatement profiles = owner.prepareStatement("""
                INSERT INTO pharmacies (tenant_id, address_en, address_ar, city_en, city_ar, latitude, longitude, phone,
                                        delivery, rating, hours, open_minutes)
                SELECT id, 'Street ' || n, 'شارع ' || n, city_en, city_ar, lat, lng, '+20 2 ' || (2000000 + n),
                       delivery, rating, hours::jsonb, minutes::int4multirange
                  FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::boolean[],
                              ?::numeric[], ?::text[], ?::text[])
                       AS p(id, n, city_en, city_ar, lat, lng, delivery, rating, hours, minutes)
                """)) {
            for (int from = 0; from < count; from += BATCH) {
                int size = Math.min(BATCH, count - from);
                UUID[] id = new UUID[size];
                Integer[] n = new Integer[size];
                String[] nameEn = new String[size];
                String[] nameAr = new String[size];
                String[] governorate = new String[size];
                String[] cityEn = new String[size];
                String[] cityAr = new String[size];
                Double[] lat = new Double[size];
                Double[] lng = new Double[size];
                Boolean[] delivery = new Boolean[size];
                java.math.BigDecimal[] rating = new java.math.BigDecimal[size];
                String[] hours = new String[size];
                String[] minutes = new String[size];
                for (int i = 0; i < size; i++) {
                    int number = from + i + 1;
                    Governorate g = pick(random, totalWeight);
                    id[i] = new UUID(random.nextLong(), random.nextLong());
                    n[i] = number;
                    nameEn[i] = prefix + " " + number;
                    nameAr[i] = "صيدلية " + number;
                    governorate[i] = g.name();
                    cityEn[i] = g.cityEn();
                    cityAr[i] = g.cityAr();
                    // around the capital: normal spread, km converted to degrees at that latitude
                    lat[i] = g.lat() + random.nextGaussian() * g.spreadKm() / 111.195;
                    lng[i] = g.lng() + random.nextGaussian() * g.spreadKm() / (111.195 * Math.cos(Math.toRadians(g.lat())));
                    delivery[i] = random.nextDouble() < 0.6;
                    rating[i] = random.nextDouble() < 0.2 ? null
                            : java.math.BigDecimal.valueOf(25 + random.nextInt(26), 1); // 2.5 to 5.0
                    double kind = random.nextDouble();
                    OpeningHours h = HOURS.get(kind < 0.2 ? 0 : kind < 0.8 ? 1 : 2);
                    hours[i] = PharmacyService.json(h.normalized());
                    minutes[i] = h.multirange();
                }
                tenants.setArray(1, owner.createArrayOf("uuid", id));
                tenants.setArray(2, owner.createArrayOf("text", nameEn));
                tenants.setArray(3, owner.createArrayOf("text", nameAr));
                tenants.setArray(4, owner.createArrayOf("text", governorate));
                tenants.executeUpdate();
                Array ids1 = owner.createArrayOf("uuid", id);
                profiles.setArray(1, ids1);
                profiles.setArray(2, owner.createArrayOf("int4", n));
                profiles.setArray(3, owner.createArrayOf("text", cityEn));
                profiles.setArray(4, owner.createArrayOf("text", cityAr));
                profiles.setArray(5, owner.createArrayOf("float8", lat));
                profiles.setArray(6, owner.createArrayOf("float8", lng));
                profiles.setArray(7, owner.createArrayOf("bool", delivery));
                profiles.setArray(8, owner.createArrayOf("numeric", rating));
                profiles.setArray(9, owner.createArrayOf("text", hours));
                profiles.setArray(10, owner.createArrayOf("text", minutes));
                profiles.executeUpdate();
                ids.addAll(List.of(id));
            }
            Stocked stocked = stock(owner, ids, medicines, seed);
            owner.commit();
            try (Statement analyze = owner.createStatement()) {
                owner.setAutoCommit(true);
                // the steady state autovacuum would reach: statistics, and visibility for index-only scans
                analyze.execute("VACUUM ANALYZE tenants");
                analyze.execute("VACUUM ANALYZE pharmacies");
                analyze.execute("VACUUM ANALYZE pharmacy_stock");
            }
            return new Result(ids, stocked.lines(), stocked.medicines());
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
    }

    private record Stocked(int lines, List<UUID> medicines) {
    }

    /**
     * The "popular" medicines are registered, priced products whose ingredients the most other products share
     * (paracetamol, amoxicillin …): the ones with many equivalents to compare.
     */
    private static Stocked stock(Connection owner, List<UUID> ids, int medicines, long seed) throws SQLException {
        List<UUID> popular = new ArrayList<>();
        try (PreparedStatement query = owner.prepareStatement("""
                SELECT m.id FROM medicines m
                 WHERE m.status = 'registered' AND m.price_egp > 0
                 ORDER BY (SELECT count(*) FROM medicine_ingredients a
                             JOIN medicine_ingredients b ON b.ingredient_id = a.ingredient_id
                            WHERE a.medicine_id = m.id) DESC, m.registration_no
                 LIMIT ?""")) {
            query.setInt(1, medicines);
            var rows = query.executeQuery();
            while (rows.next()) {
                popular.add(rows.getObject(1, UUID.class));
            }
        }
        if (popular.isEmpty()) {
            return new Stocked(0, popular);
        }
        int lines = 0;
        try (Statement seeded = owner.createStatement();
             PreparedStatement insert = owner.prepareStatement("""
                     INSERT INTO pharmacy_stock (tenant_id, medicine_id, quantity, price_egp)
                     SELECT p.id, m.id,
                            CASE WHEN random() < 0.1 THEN 0 ELSE 1 + floor(random() * 200)::int END,
                            -- 85 % to 100 % of the official price, in quarter pounds
                            greatest(0.25, round(m.price_egp * (0.85 + 0.15 * random())::numeric * 4) / 4)
                       FROM unnest(?::uuid[]) AS p(id)
                      CROSS JOIN (SELECT id, price_egp FROM medicines WHERE id = ANY (?::uuid[])) m
                      WHERE random() < 0.7
                     """)) {
            seeded.execute("SELECT setseed(" + (seed % 1000) / 1000.0 + ")");
            Array medicineIds = owner.createArrayOf("uuid", popular.toArray());
            for (int from = 0; from < ids.size(); from += BATCH) {
                insert.setArray(1, owner.createArrayOf("uuid", ids.subList(from, Math.min(ids.size(), from + BATCH)).toArray()));
                insert.setArray(2, medicineIds);
                lines += insert.executeUpdate();
            }
        }
        return new Stocked(lines, popular);
    }

    private static Governorate pick(Random random, double totalWeight) {
        double r = random.nextDouble() * totalWeight;
        for (Governorate g : GOVERNORATES) {
            r -= g.weight();
            if (r < 0) {
                return g;
            }
        }
        return GOVERNORATES.getLast();
    }
}
