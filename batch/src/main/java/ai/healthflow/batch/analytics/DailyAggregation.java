package ai.healthflow.batch.analytics;

import java.util.ArrayList;
import java.util.Arrays;
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
        public final long[] values = new long[MEDICINE_MEASURES];

        MedicineFacts(UUID tenant, UUID medicine, String[] atc) {
            this.tenant = tenant;
            this.medicine = medicine;
            this.atc = atc;
        }

        public long get(MedicineMeasure measure) {
            return values[measure.ordinal()];
        }
    }

    /** PostgreSQL orders uuids byte by byte: as unsigned numbers, most significant half first. */
    public static final Comparator<UUID> POSTGRES_ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    static final int TENANT_MEASURES = TenantMeasure.values().length;
    static final int MEDICINE_MEASURES = MedicineMeasure.values().length;
    private static final int VALUES = 5; // n1, q1, n2, q2, flags

    /*
     * Everything is numbered and kept in primitive arrays: a day has some 100 000 lines at ten million prescription
     * items a year, and boxed keys with a few maps per entity cost more than the counting. Tenants, medicines,
     * entities (kind and tenant as the tag) and medicine rows (tenant and medicine numbers as the key) are numbered
     * in first-seen order; the lines are kept in arrival order, each entity's chained through nextLine.
     */
    private final UuidIndex tenants = new UuidIndex(512);
    private final UuidIndex medicines = new UuidIndex(4096);
    private final UuidIndex entities = new UuidIndex(1 << 14);
    private String[][] medicineAtc = new String[4096][];
    private int[] medicineGroup = new int[4096 * 3]; // per medicine and ATC level, the group's number
    private final Map<String, Integer> groups = new HashMap<>();

    private int[] firstLine = new int[1 << 14];
    private int[] lastLine = new int[1 << 14];
    private int lines;
    private int[] nextLine = new int[1 << 16];
    private int[] lineMedicine = new int[1 << 16]; // -1: none
    private int[] lineValues = new int[VALUES << 16];

    // the results, computed on first use after the last add
    private boolean computed;
    private long[] tenantTotals;
    private final UuidIndex rows = new UuidIndex(1 << 14);
    private long[] rowValues = new long[MEDICINE_MEASURES << 14];
    private int[] tenantOrder;   // tenant numbers in uuid order
    private int[] medicineOrder; // medicine numbers in uuid order
    private int[] rowOrder;      // row numbers by tenant, then medicine, in uuid order

    // one entity's distinct medicines, in uuid order, with their summed n1, q1, n2, q2 (reused)
    private int[] named = new int[16];
    private int[] namedSums = new int[16 * 4];
    private final boolean[] represents = new boolean[3];
    private final boolean[] groupDispensed = new boolean[3];

    /**
     * Forgets the day's lines and medicines, keeping the arrays: a partition builds day after day, and arrays of a
     * day's size are large enough for the collector to treat them as humongous objects.
     */
    public void clear() {
        tenants.clear();
        medicines.clear();
        entities.clear();
        Arrays.fill(medicineAtc, null);
        groups.clear();
        lines = 0;
        Arrays.fill(rowValues, 0, rows.size() * MEDICINE_MEASURES, 0);
        rows.clear();
        computed = false;
    }

    /**
     * Numbers a medicine, with its ATC levels 1-3 ('' where the code is missing or shorter); a medicine numbered
     * before keeps its first codes.
     */
    public int medicine(long msb, long lsb, String[] atc) {
        int m = medicines.add(0, msb, lsb);
        if (m == medicineAtc.length) {
            medicineAtc = Arrays.copyOf(medicineAtc, m * 2);
            medicineGroup = Arrays.copyOf(medicineGroup, m * 2 * 3);
        }
        if (medicineAtc[m] == null) {
            medicineAtc[m] = Objects.requireNonNull(atc, "ATC codes of a named medicine");
            for (int level = 0; level < 3; level++) {
                medicineGroup[m * 3 + level] = groups.computeIfAbsent(atc[level], g -> groups.size());
            }
        }
        return m;
    }

    /** The number {@link #medicine(long, long, String[])} gave the medicine, or -1. */
    public int medicine(long msb, long lsb) {
        return medicines.find(0, msb, lsb);
    }

    public void add(Line line) {
        UUID medicine = line.medicine();
        int m = medicine == null ? -1
                : medicine(medicine.getMostSignificantBits(), medicine.getLeastSignificantBits(), line.atc());
        add(line.kind(), line.tenant().getMostSignificantBits(), line.tenant().getLeastSignificantBits(),
                line.entity().getMostSignificantBits(), line.entity().getLeastSignificantBits(), m,
                line.n1(), line.q1(), line.n2(), line.q2(), line.flags());
    }

    /**
     * One line as {@link Line} describes it, its uuids as their halves and its medicine as numbered by
     * {@link #medicine(long, long, String[])} (-1 for none): what the builder reads without an object per line.
     */
    public void add(int kind, long tenantMsb, long tenantLsb, long entityMsb, long entityLsb, int medicine,
                    int n1, int q1, int n2, int q2, int flags) {
        if (kind < PRESCRIPTION || kind > USER) {
            throw new IllegalArgumentException("unknown kind of line: " + kind);
        }
        if (medicine >= medicines.size()) {
            throw new IllegalArgumentException("medicine " + medicine + " is not numbered");
        }
        int tenant = tenants.add(0, tenantMsb, tenantLsb);
        int known = entities.size();
        int entity = entities.add(kind | tenant << 3, entityMsb, entityLsb);
        int line = lines++;
        if (line == nextLine.length) {
            nextLine = Arrays.copyOf(nextLine, line * 2);
            lineMedicine = Arrays.copyOf(lineMedicine, line * 2);
            lineValues = Arrays.copyOf(lineValues, line * 2 * VALUES);
        }
        nextLine[line] = -1;
        lineMedicine[line] = medicine;
        int v = line * VALUES;
        lineValues[v] = n1;
        lineValues[v + 1] = q1;
        lineValues[v + 2] = n2;
        lineValues[v + 3] = q2;
        lineValues[v + 4] = flags;
        if (entity == known) { // new
            if (entity == firstLine.length) {
                firstLine = Arrays.copyOf(firstLine, entity * 2);
                lastLine = Arrays.copyOf(lastLine, entity * 2);
            }
            firstLine[entity] = line;
        } else {
            nextLine[lastLine[entity]] = line;
        }
        lastLine[entity] = line;
        computed = false;
    }

    /** Per tenant: the {@link TenantMeasure} values, by ordinal (in uuid order). */
    public Map<UUID, long[]> tenants() {
        compute();
        Map<UUID, long[]> result = new LinkedHashMap<>();
        for (int t : tenantOrder) {
            result.put(tenants.uuid(t), Arrays.copyOfRange(tenantTotals, t * TENANT_MEASURES, (t + 1) * TENANT_MEASURES));
        }
        return result;
    }

    /**
     * Per tenant and medicine, ordered by tenant then medicine: written in this order, a tenant's rows of a day share
     * pages, which its admin's questions (a year of one tenant) read.
     */
    public List<MedicineFacts> medicines() {
        compute();
        List<MedicineFacts> result = new ArrayList<>(rowOrder.length);
        for (int r : rowOrder) {
            int m = rowMedicine(r);
            var facts = new MedicineFacts(tenants.uuid(rowTenant(r)), medicines.uuid(m), medicineAtc[m]);
            System.arraycopy(rowValues, r * MEDICINE_MEASURES, facts.values, 0, MEDICINE_MEASURES);
            result.add(facts);
        }
        return result;
    }

    /** Per medicine, all tenants summed (the measures are additive by construction); tenant is null. */
    public List<MedicineFacts> national() {
        compute();
        long[] sums = nationalSums();
        List<MedicineFacts> result = new ArrayList<>();
        for (int m : medicineOrder) {
            if (sums[m * (MEDICINE_MEASURES + 1) + MEDICINE_MEASURES] != 0) {
                var facts = new MedicineFacts(null, medicines.uuid(m), medicineAtc[m]);
                System.arraycopy(sums, m * (MEDICINE_MEASURES + 1), facts.values, 0, MEDICINE_MEASURES);
                result.add(facts);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ the same results by number, for the writer

    int tenantCount() {
        compute();
        return tenants.size();
    }

    /** Tenant numbers in uuid order. */
    int[] tenantOrder() {
        compute();
        return tenantOrder;
    }

    UUID tenant(int tenant) {
        return tenants.uuid(tenant);
    }

    long tenantTotal(int tenant, int measure) {
        return tenantTotals[tenant * TENANT_MEASURES + measure];
    }

    int medicineCount() {
        return medicines.size();
    }

    /** Medicine numbers in uuid order. */
    int[] medicineOrder() {
        compute();
        return medicineOrder;
    }

    UUID medicineId(int medicine) {
        return medicines.uuid(medicine);
    }

    String[] atc(int medicine) {
        return medicineAtc[medicine];
    }

    /** Row numbers by tenant, then medicine, in uuid order. */
    int[] rowOrder() {
        compute();
        return rowOrder;
    }

    int rowTenant(int row) {
        return (int) rows.msb(row);
    }

    int rowMedicine(int row) {
        return (int) rows.lsb(row);
    }

    long rowValue(int row, int measure) {
        return rowValues[row * MEDICINE_MEASURES + measure];
    }

    /**
     * Per medicine number m, at m * (MEDICINE_MEASURES + 1): its measures summed over the tenants, then how many
     * rows it has (0: not named that day).
     */
    long[] nationalSums() {
        compute();
        int width = MEDICINE_MEASURES + 1;
        long[] sums = new long[medicines.size() * width];
        int rowCount = rows.size();
        for (int r = 0; r < rowCount; r++) {
            int base = rowMedicine(r) * width;
            int from = r * MEDICINE_MEASURES;
            for (int k = 0; k < MEDICINE_MEASURES; k++) {
                sums[base + k] += rowValues[from + k];
            }
            sums[base + MEDICINE_MEASURES]++;
        }
        return sums;
    }

    // --------------------------------------------------------------------------------------------- counting

    private void compute() {
        if (computed) {
            return;
        }
        tenantTotals = new long[tenants.size() * TENANT_MEASURES];
        Arrays.fill(rowValues, 0, rows.size() * MEDICINE_MEASURES, 0);
        rows.clear();
        for (int entity = 0; entity < entities.size(); entity++) {
            entity(entity);
        }
        tenantOrder = tenants.sorted();
        medicineOrder = medicines.sorted();
        int[] tenantRank = rank(tenantOrder);
        int[] medicineRank = rank(medicineOrder);
        long[] keys = new long[rows.size()];
        for (int r = 0; r < keys.length; r++) {
            keys[r] = (long) tenantRank[rowTenant(r)] << 32 | medicineRank[rowMedicine(r)];
        }
        Arrays.sort(keys);
        rowOrder = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rowOrder[i] = rows.find(0, tenantOrder[(int) (keys[i] >>> 32)], medicineOrder[(int) keys[i]]);
        }
        computed = true;
    }

    private static int[] rank(int[] order) {
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    /** One entity: its tenant's totals, then each medicine it names and the ATC groups it represents. */
    private void entity(int entity) {
        int kind = entities.tag(entity) & 7;
        int tenant = entities.tag(entity) >>> 3;
        int n1 = 0, q1 = 0, n2 = 0, q2 = 0, flags = 0, count = 0;
        for (int line = firstLine[entity]; line >= 0; line = nextLine[line]) {
            int v = line * VALUES;
            n1 += lineValues[v];
            q1 += lineValues[v + 1];
            n2 += lineValues[v + 2];
            q2 += lineValues[v + 3];
            flags |= lineValues[v + 4];
            int medicine = lineMedicine[line];
            if (medicine >= 0 && kind != USER) {
                count = name(medicine, count, v);
            }
        }
        int total = tenant * TENANT_MEASURES;
        switch (kind) {
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
            default -> throw new IllegalStateException("unknown kind of line: " + kind);
        }

        // each medicine named (named[0..count), in uuid order) with its summed lines; per ATC level, the group's
        // representative is its first medicine, and the group counts as dispensed when any of its medicines was
        for (int i = 0; i < count; i++) {
            int medicine = named[i];
            int s = i * 4;
            for (int level = 0; level < 3; level++) {
                int group = medicineGroup[medicine * 3 + level];
                boolean first = true;
                boolean dispensed = false;
                for (int j = 0; j < count; j++) {
                    if (medicineGroup[named[j] * 3 + level] == group) {
                        first &= j >= i;
                        dispensed |= namedSums[j * 4 + 2] > 0;
                    }
                }
                represents[level] = first;
                groupDispensed[level] = dispensed;
            }
            int row = row(tenant, medicine);
            switch (kind) {
                case PRESCRIPTION -> {
                    counted(row, represents, MedicineMeasure.PRESCRIPTIONS, true, null);
                    counted(row, represents, MedicineMeasure.PRESCRIPTIONS_DISPENSED, namedSums[s + 2] > 0, groupDispensed);
                    add(row, MedicineMeasure.ITEMS_PRESCRIBED, namedSums[s]);
                    add(row, MedicineMeasure.QUANTITY_PRESCRIBED, namedSums[s + 1]);
                    add(row, MedicineMeasure.ITEMS_DISPENSED, namedSums[s + 2]);
                    add(row, MedicineMeasure.QUANTITY_DISPENSED, namedSums[s + 3]);
                }
                case DISPENSING -> {
                    counted(row, represents, MedicineMeasure.DISPENSINGS, true, null);
                    add(row, MedicineMeasure.DISPENSED_ITEMS, namedSums[s]);
                    add(row, MedicineMeasure.DISPENSED_QUANTITY, namedSums[s + 1]);
                    add(row, MedicineMeasure.SUBSTITUTIONS, namedSums[s + 2]);
                }
                case ADVERSE_EVENT -> {
                    counted(row, represents, MedicineMeasure.ADVERSE_EVENTS, true, null);
                    counted(row, represents, MedicineMeasure.ADVERSE_EVENTS_SERIOUS, (flags & 1) != 0, null);
                }
                case RECALL_TASK -> {
                    add(row, MedicineMeasure.RECALL_NOTICES, namedSums[s]);
                    add(row, MedicineMeasure.RECALL_ACKNOWLEDGEMENTS, namedSums[s + 2]);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** Adds a line of {@code medicine} to the entity's named medicines (kept in uuid order); returns their count. */
    private int name(int medicine, int count, int v) {
        int at = 0;
        while (at < count && named[at] != medicine && medicines.compare(named[at], medicine) < 0) {
            at++;
        }
        if (at == count || named[at] != medicine) {
            if (count == named.length) {
                named = Arrays.copyOf(named, count * 2);
                namedSums = Arrays.copyOf(namedSums, count * 2 * 4);
            }
            System.arraycopy(named, at, named, at + 1, count - at);
            System.arraycopy(namedSums, at * 4, namedSums, at * 4 + 4, (count - at) * 4);
            named[at] = medicine;
            Arrays.fill(namedSums, at * 4, at * 4 + 4, 0);
            count++;
        }
        int s = at * 4;
        namedSums[s] += lineValues[v];
        namedSums[s + 1] += lineValues[v + 1];
        namedSums[s + 2] += lineValues[v + 2];
        namedSums[s + 3] += lineValues[v + 3];
        return count;
    }

    private int row(int tenant, int medicine) {
        int known = rows.size();
        int row = rows.add(0, tenant, medicine);
        if (row == known && (row + 1) * MEDICINE_MEASURES > rowValues.length) {
            rowValues = Arrays.copyOf(rowValues, rowValues.length * 2);
        }
        return row;
    }

    /**
     * Counts the entity for the medicine when {@code counts}, and for each ATC level whose group it represents
     * when the condition holds for the group ({@code perGroup}, or {@code counts} when the condition is the
     * entity's). The three _ATC measures follow their base measure in the enum.
     */
    private void counted(int row, boolean[] represents, MedicineMeasure base, boolean counts, boolean[] perGroup) {
        int at = row * MEDICINE_MEASURES + base.ordinal();
        if (counts) {
            rowValues[at]++;
        }
        for (int level = 0; level < 3; level++) {
            if (represents[level] && (perGroup == null ? counts : perGroup[level])) {
                rowValues[at + 1 + level]++;
            }
        }
    }

    private void add(int row, MedicineMeasure measure, long amount) {
        rowValues[row * MEDICINE_MEASURES + measure.ordinal()] += amount;
    }

    private void add(int total, TenantMeasure measure, long amount) {
        tenantTotals[total + measure.ordinal()] += amount;
    }
}
