package ai.healthflow.batch.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One day's facts, computed from the day's source lines (pure Java: no database, unit-tested on its own).
 *
 * <p>A <em>line</em> is one row of a source: a prescription item, a dispensed item, a suspect medicine of an adverse
 * event, a recall task, a user's activity. Lines belong to an <em>entity</em> (the prescription, dispensing, case,
 * recall or user) of a tenant. Entities are counted once per tenant, once per medicine they name, and once per ATC
 * group they name: a prescription of two J01 antibiotics is one J01 prescription.
 *
 * <p>ATC rollups stay exact while the medicine rows stay additive: within each entity, the medicine that comes first
 * (PostgreSQL's uuid order) among those of an ATC group <em>represents</em> the entity in that group, and the
 * {@code *_atcN} measures of a medicine count the entities it represents at level N. Summing
 * {@code prescriptions_atc2} over the medicines of J01 therefore gives the distinct prescriptions naming a J01
 * medicine, across any set of days and tenants (an entity belongs to one day and one tenant). Medicines whose ATC code
 * does not reach a level share the group {@code ''} (unclassified) at that level.
 */
public final class DailyAggregation {
    /** Kinds of lines, as the source query tags them. */
    public static final int PRESCRIPTION = 1, DISPENSING = 2, ADVERSE_EVENT = 3, RECALL_TASK = 4, USER = 5;

    /**
     * One source line. For prescriptions n1/q1 are the item and its quantity, n2/q2 whether and how much of it was
     * dispensed; for dispensings n1/q1 the item and quantity, n2 a substitution; for recall tasks n1 a notice and n2
     * an acknowledgement on the day; flags (adverse events) bit 0 serious, bits 1-6 the criteria.
     *
     * @param medicine null when the entity has no line of this kind (a prescription without items still counts)
     * @param atc      the medicine's ATC levels 1-3 ('' where the code is missing or shorter); null without medicine
     */
    public record Line(int kind, UUID tenant, UUID entity, UUID medicine, String[] atc, int n1, int q1, int n2, int q2,
                       int flags) {
    }

    /** Measures of a tenant's day (level 0), in column order of analytics_daily_tenant. */
    public enum TenantMeasure {
        PRESCRIPTIONS, PRESCRIPTIONS_DISPENSED, ITEMS_PRESCRIBED, QUANTITY_PRESCRIBED, ITEMS_DISPENSED,
        QUANTITY_DISPENSED, DISPENSINGS, DISPENSED_ITEMS, DISPENSED_QUANTITY, SUBSTITUTIONS, ADVERSE_EVENTS,
        ADVERSE_EVENTS_SERIOUS, AE_DEATH, AE_LIFE_THREATENING, AE_HOSPITALISATION, AE_DISABILITY,
        AE_CONGENITAL_ANOMALY, AE_OTHER_MEDICALLY_IMPORTANT, RECALL_NOTICES, RECALL_ACKNOWLEDGEMENTS, ACTIVE_USERS;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Quantities (units of medicine) can outgrow the count columns' type. */
        public boolean isQuantity() {
            return name().contains("QUANTITY");
        }
    }

    /** Measures of a tenant × medicine day, in column order of analytics_daily_medicine (and _national). */
    public enum MedicineMeasure {
        PRESCRIPTIONS, PRESCRIPTIONS_ATC1, PRESCRIPTIONS_ATC2, PRESCRIPTIONS_ATC3,
        PRESCRIPTIONS_DISPENSED, PRESCRIPTIONS_DISPENSED_ATC1, PRESCRIPTIONS_DISPENSED_ATC2, PRESCRIPTIONS_DISPENSED_ATC3,
        ITEMS_PRESCRIBED, QUANTITY_PRESCRIBED, ITEMS_DISPENSED, QUANTITY_DISPENSED,
        DISPENSINGS, DISPENSINGS_ATC1, DISPENSINGS_ATC2, DISPENSINGS_ATC3,
        DISPENSED_ITEMS, DISPENSED_QUANTITY, SUBSTITUTIONS,
        ADVERSE_EVENTS, ADVERSE_EVENTS_ATC1, ADVERSE_EVENTS_ATC2, ADVERSE_EVENTS_ATC3,
        ADVERSE_EVENTS_SERIOUS, ADVERSE_EVENTS_SERIOUS_ATC1, ADVERSE_EVENTS_SERIOUS_ATC2, ADVERSE_EVENTS_SERIOUS_ATC3,
        RECALL_NOTICES, RECALL_ACKNOWLEDGEMENTS;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Quantities (units of medicine) can outgrow the count columns' type. */
        public boolean isQuantity() {
            return name().contains("QUANTITY");
        }
    }

    /** A medicine's facts on the day in one tenant (or, in {@link #national()}, in all tenants together). */
    public static final class MedicineFacts {
        public final UUID tenant;
        public final UUID medicine;
        public final String[] atc;
        public final long[] values = new long[MedicineMeasure.values().length];

        MedicineFacts(UUID tenant, UUID medicine, String[] atc) {
            this.tenant = tenant;
            this.medicine = medicine;
            this.atc = atc;
        }

        public long get(MedicineMeasure measure) {
            return values[measure.ordinal()];
        }

        void add(MedicineMeasure measure, long amount) {
            values[measure.ordinal()] += amount;
        }
    }

    private record Key(int kind, UUID tenant, UUID entity) {
    }

    private record MedicineKey(UUID tenant, UUID medicine) {
    }

    /** PostgreSQL orders uuids byte by byte: as unsigned numbers, most significant half first. */
    public static final Comparator<UUID> POSTGRES_ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final Map<Key, List<Line>> entities = new LinkedHashMap<>();
    private Map<UUID, long[]> tenants;
    private Map<MedicineKey, MedicineFacts> medicines;

    public void add(Line line) {
        entities.computeIfAbsent(new Key(line.kind(), line.tenant(), line.entity()), k -> new ArrayList<>(4)).add(line);
        tenants = null;
    }

    /** Per tenant: the {@link TenantMeasure} values, by ordinal. */
    public Map<UUID, long[]> tenants() {
        compute();
        return tenants;
    }

    /**
     * Per tenant and medicine, ordered by tenant then medicine: written in this order, a tenant's rows of a day share
     * pages, which its admin's questions (a year of one tenant) read.
     */
    public List<MedicineFacts> medicines() {
        compute();
        List<MedicineFacts> rows = new ArrayList<>(medicines.values());
        rows.sort(Comparator.<MedicineFacts, UUID>comparing(r -> r.tenant, POSTGRES_ORDER)
                .thenComparing(r -> r.medicine, POSTGRES_ORDER));
        return rows;
    }

    /** Per medicine, all tenants summed (the measures are additive by construction); tenant is null. */
    public List<MedicineFacts> national() {
        compute();
        Map<UUID, MedicineFacts> sums = new LinkedHashMap<>();
        for (MedicineFacts row : medicines.values()) {
            MedicineFacts sum = sums.computeIfAbsent(row.medicine, m -> new MedicineFacts(null, m, row.atc));
            for (int i = 0; i < row.values.length; i++) {
                sum.values[i] += row.values[i];
            }
        }
        return List.copyOf(sums.values());
    }

    private void compute() {
        if (tenants != null) {
            return;
        }
        tenants = new LinkedHashMap<>();
        medicines = new LinkedHashMap<>();
        for (Map.Entry<Key, List<Line>> entry : entities.entrySet()) {
            entity(entry.getKey(), entry.getValue());
        }
    }

    /** One entity: its tenant's totals, then each medicine it names and the ATC groups it represents. */
    private void entity(Key key, List<Line> lines) {
        long[] total = tenants.computeIfAbsent(key.tenant(), t -> new long[TenantMeasure.values().length]);
        int n1 = 0, q1 = 0, n2 = 0, q2 = 0, flags = 0;
        for (Line line : lines) {
            n1 += line.n1();
            q1 += line.q1();
            n2 += line.n2();
            q2 += line.q2();
            flags |= line.flags();
        }
        switch (key.kind()) {
            case PRESCRIPTION -> {
                add(total, TenantMeasure.PRESCRIPTIONS, 1);
                add(total, TenantMeasure.PRESCRIPTIONS_DISPENSED, n2 > 0 ? 1 : 0);
                add(total, TenantMeasure.ITEMS_PRESCRIBED, n1);
                add(total, TenantMeasure.QUANTITY_PRESCRIBED, q1);
                add(total, TenantMeasure.ITEMS_DISPENSED, n2);
                add(total, TenantMeasure.QUANTITY_DISPENSED, q2);
            }
            case DISPENSING -> {
                add(total, TenantMeasure.DISPENSINGS, 1);
                add(total, TenantMeasure.DISPENSED_ITEMS, n1);
                add(total, TenantMeasure.DISPENSED_QUANTITY, q1);
                add(total, TenantMeasure.SUBSTITUTIONS, n2);
            }
            case ADVERSE_EVENT -> {
                add(total, TenantMeasure.ADVERSE_EVENTS, 1);
                add(total, TenantMeasure.ADVERSE_EVENTS_SERIOUS, flags & 1);
                add(total, TenantMeasure.AE_DEATH, flags >> 1 & 1);
                add(total, TenantMeasure.AE_LIFE_THREATENING, flags >> 2 & 1);
                add(total, TenantMeasure.AE_HOSPITALISATION, flags >> 3 & 1);
                add(total, TenantMeasure.AE_DISABILITY, flags >> 4 & 1);
                add(total, TenantMeasure.AE_CONGENITAL_ANOMALY, flags >> 5 & 1);
                add(total, TenantMeasure.AE_OTHER_MEDICALLY_IMPORTANT, flags >> 6 & 1);
            }
            case RECALL_TASK -> {
                add(total, TenantMeasure.RECALL_NOTICES, n1);
                add(total, TenantMeasure.RECALL_ACKNOWLEDGEMENTS, n2);
            }
            case USER -> add(total, TenantMeasure.ACTIVE_USERS, 1);
            default -> throw new IllegalArgumentException("unknown kind of line: " + key.kind());
        }
        if (key.kind() == USER) {
            return;
        }

        // the medicines the entity names, in PostgreSQL's uuid order, each with its lines summed
        Map<UUID, int[]> named = new java.util.TreeMap<>(POSTGRES_ORDER);
        Map<UUID, String[]> codes = new HashMap<>();
        for (Line line : lines) {
            if (line.medicine() != null) {
                int[] sums = named.computeIfAbsent(line.medicine(), m -> new int[4]);
                sums[0] += line.n1();
                sums[1] += line.q1();
                sums[2] += line.n2();
                sums[3] += line.q2();
                codes.put(line.medicine(), Objects.requireNonNull(line.atc(), "ATC codes of a named medicine"));
            }
        }
        // per ATC level, the group's representative (first medicine) and whether any of its lines was dispensed
        List<Map<String, UUID>> representative = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        List<Map<String, Boolean>> dispensedIn = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (Map.Entry<UUID, int[]> m : named.entrySet()) {
            String[] atc = codes.get(m.getKey());
            for (int level = 0; level < 3; level++) {
                representative.get(level).putIfAbsent(atc[level], m.getKey());
                dispensedIn.get(level).merge(atc[level], m.getValue()[2] > 0, Boolean::logicalOr);
            }
        }
        for (Map.Entry<UUID, int[]> m : named.entrySet()) {
            UUID medicine = m.getKey();
            int[] s = m.getValue();
            String[] atc = codes.get(medicine);
            MedicineFacts row = medicines.computeIfAbsent(new MedicineKey(key.tenant(), medicine),
                    k -> new MedicineFacts(key.tenant(), medicine, atc));
            boolean[] represents = new boolean[3];
            for (int level = 0; level < 3; level++) {
                represents[level] = representative.get(level).get(atc[level]).equals(medicine);
            }
            switch (key.kind()) {
                case PRESCRIPTION -> {
                    counted(row, represents, MedicineMeasure.PRESCRIPTIONS, true, null);
                    boolean[] groupDispensed = new boolean[3];
                    for (int level = 0; level < 3; level++) {
                        groupDispensed[level] = dispensedIn.get(level).get(atc[level]);
                    }
                    counted(row, represents, MedicineMeasure.PRESCRIPTIONS_DISPENSED, s[2] > 0, groupDispensed);
                    row.add(MedicineMeasure.ITEMS_PRESCRIBED, s[0]);
                    row.add(MedicineMeasure.QUANTITY_PRESCRIBED, s[1]);
                    row.add(MedicineMeasure.ITEMS_DISPENSED, s[2]);
                    row.add(MedicineMeasure.QUANTITY_DISPENSED, s[3]);
                }
                case DISPENSING -> {
                    counted(row, represents, MedicineMeasure.DISPENSINGS, true, null);
                    row.add(MedicineMeasure.DISPENSED_ITEMS, s[0]);
                    row.add(MedicineMeasure.DISPENSED_QUANTITY, s[1]);
                    row.add(MedicineMeasure.SUBSTITUTIONS, s[2]);
                }
                case ADVERSE_EVENT -> {
                    counted(row, represents, MedicineMeasure.ADVERSE_EVENTS, true, null);
                    counted(row, represents, MedicineMeasure.ADVERSE_EVENTS_SERIOUS, (flags & 1) != 0, null);
                }
                case RECALL_TASK -> {
                    row.add(MedicineMeasure.RECALL_NOTICES, s[0]);
                    row.add(MedicineMeasure.RECALL_ACKNOWLEDGEMENTS, s[2]);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * Counts the entity for the medicine when {@code counts}, and for each ATC level whose group it represents
     * when the condition holds for the group ({@code perGroup}, or {@code counts} when the condition is the
     * entity's). The three _ATC measures follow their base measure in the enum.
     */
    private static void counted(MedicineFacts row, boolean[] represents, MedicineMeasure base, boolean counts,
                                boolean[] perGroup) {
        if (counts) {
            row.values[base.ordinal()]++;
        }
        for (int level = 0; level < 3; level++) {
            if (represents[level] && (perGroup == null ? counts : perGroup[level])) {
                row.values[base.ordinal() + 1 + level]++;
            }
        }
    }

    private static void add(long[] values, TenantMeasure measure, long amount) {
        values[measure.ordinal()] += amount;
    }
}
