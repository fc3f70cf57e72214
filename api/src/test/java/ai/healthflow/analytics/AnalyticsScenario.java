package ai.healthflow.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static ai.healthflow.analytics.AnalyticsFixture.at;

/**
 * A small, fully known world on three days (d0, d1, d2, Cairo days some weeks ago): a Cairo hospital, a Giza clinic,
 * a Cairo pharmacy and a hospital without a governorate; five medicines (two J01C antibiotics, paracetamol N02BE01,
 * one without an ATC code, one with only level 1 'A'); prescriptions (including ones on the first and last instant
 * of d1), dispensings on the day and the day after, adverse events (one changed by a follow-up), two recalls with
 * tasks and acknowledgements, and user activity. {@link #expected(LocalDate)} is what the facts must say, worked out
 * by hand.
 */
final class AnalyticsScenario {
    static final String[] NONE = {};

    final LocalDate d0;
    final LocalDate d1;
    final LocalDate d2;
    final Map<UUID, String> names = new HashMap<>();
    UUID cairo, giza, pharmacy, noGovernorate;
    UUID doctor, doctor2, nurse, gizaDoctor, pharmacist, noGovernorateDoctor;
    UUID amox, coamox, para, noAtc, shortAtc;
    UUID rx1, rx2, rx3, rx4, rx5, rx6, rx7;
    UUID ae1, ae2, ae3;
    UUID recall1, recall2;

    AnalyticsScenario(LocalDate d1) {
        this.d0 = d1.minusDays(1);
        this.d1 = d1;
        this.d2 = d1.plusDays(1);
    }

    AnalyticsScenario seed(Connection connection) throws SQLException {
        var f = new AnalyticsFixture(connection);
        String run = UUID.randomUUID().toString().substring(0, 6);
        cairo = name(f.tenant("Cairo Hospital " + run, "hospital", "Cairo"), "cairo");
        giza = name(f.tenant("Giza Clinic " + run, "clinic", "Giza"), "giza");
        pharmacy = name(f.tenant("Cairo Pharmacy " + run, "pharmacy", "Cairo"), "pharmacy");
        noGovernorate = name(f.tenant("Nowhere Hospital " + run, "hospital", null), "nogov");
        doctor = f.user("doctor-" + run + "@fx", cairo, "doctor");
        doctor2 = f.user("doctor2-" + run + "@fx", cairo, "doctor");
        nurse = f.user("nurse-" + run + "@fx", cairo, "nurse");
        gizaDoctor = f.user("giza-" + run + "@fx", giza, "doctor");
        pharmacist = f.user("pharmacist-" + run + "@fx", pharmacy, "pharmacist");
        noGovernorateDoctor = f.user("nogov-" + run + "@fx", noGovernorate, "doctor");
        amox = name(f.medicine("Amoxil " + run, "J01CA04"), "amox");
        coamox = name(f.medicine("Augmentin " + run, "J01CR02"), "coamox");
        para = name(f.medicine("Panadol " + run, "N02BE01"), "para");
        noAtc = name(f.medicine("Herbal " + run, null), "noatc");
        shortAtc = name(f.medicine("Antacid " + run, "A"), "shortatc");

        rx1 = f.prescription(cairo, doctor, at(d1, 9, 0), amox, 10, coamox, 20);
        rx2 = f.prescription(cairo, doctor2, at(d1, 14, 0), amox, 5, para, 2);
        rx3 = f.prescription(giza, gizaDoctor, at(d1, 10, 0), para, 1, noAtc, 3);
        rx4 = f.prescription(noGovernorate, noGovernorateDoctor, at(d1, 11, 0), shortAtc, 7);
        rx5 = f.prescription(giza, gizaDoctor, at(d1, 0, 0), para, 4);                       // first instant of d1
        rx6 = f.prescription(giza, gizaDoctor, at(d1, 0, 0).minusSeconds(1), para, 9);       // last second of d0
        rx7 = f.prescription(giza, gizaDoctor, at(d2, 0, 0), para, 6);                       // first instant of d2

        f.dispense(rx2, pharmacy, pharmacist, at(d1, 16, 0), amox, 5);
        UUID later = f.dispense(rx1, pharmacy, pharmacist, at(d2, 10, 0), amox, 10, coamox, 20);
        f.substituted(later, coamox);

        ae1 = f.adverseEvent(cairo, doctor, at(d1, 12, 0), new String[]{"hospitalisation", "life_threatening"},
                new UUID[]{amox, coamox}, para);
        ae2 = f.adverseEvent(cairo, nurse, at(d1, 13, 0), NONE, new UUID[]{para});
        ae3 = f.adverseEvent(giza, gizaDoctor, at(d1, 15, 0), NONE, new UUID[]{para});
        f.followUp(ae3, 2, giza, gizaDoctor, at(d2, 9, 0), new String[]{"death"}, noAtc);

        recall1 = f.recall(amox, "I", at(d1, 8, 0));
        f.recallTask(recall1, cairo, at(d1, 8, 5));
        f.recallTask(recall1, pharmacy, at(d1, 8, 5));
        f.acknowledge(recall1, cairo, at(d2, 9, 0));
        recall2 = f.recall(para, "II", at(d2, 8, 0));
        f.recallTask(recall2, pharmacy, at(d2, 8, 5));
        f.acknowledge(recall2, pharmacy, at(d2, 10, 0));

        f.audit(doctor, cairo, at(d1, 9, 0), "prescription.created");
        f.audit(doctor, cairo, at(d1, 9, 1), "prescription.read");
        f.audit(doctor, cairo, at(d1, 12, 0), "adverse_event.submitted");
        f.audit(doctor2, cairo, at(d1, 14, 0), "prescription.created");
        f.audit(doctor2, null, at(d1, 14, 5), "auth.login_failed"); // no tenant: not an active user anywhere
        f.session(nurse, cairo, at(d1, 13, 30));
        f.audit(pharmacist, pharmacy, at(d1, 16, 0), "prescription.dispensed");
        f.audit(gizaDoctor, giza, at(d1, 10, 0), "prescription.created");
        f.session(gizaDoctor, giza, at(d1, 10, 30));
        f.audit(doctor, cairo, at(d2, 9, 0), "auth.login");
        return this;
    }

    private UUID name(UUID id, String name) {
        names.put(id, name);
        return id;
    }

    /**
     * The facts of a day, one line per row: tenant|level|dim|governorate|atc1/atc2/atc3|measures, with ATC '' as '_',
     * null as '-', and only the measures that are not zero.
     */
    List<String> expected(LocalDate day) {
        if (day.equals(d0)) {
            return List.of(
                    "giza|0|*|Giza|-/-/-|rx=1 items=1 qty=9",
                    "giza|1|N|Giza|N/-/-|rx=1 items=1 qty=9",
                    "giza|2|N02|Giza|N/N02/-|rx=1 items=1 qty=9",
                    "giza|3|N02B|Giza|N/N02/N02B|rx=1 items=1 qty=9",
                    "giza|4|para|Giza|N/N02/N02B|rx=1 items=1 qty=9");
        }
        if (day.equals(d1)) {
            String cairoJ = "rx=2 rxDisp=2 items=3 qty=35 itemsDisp=3 qtyDisp=35 ae=1 serious=1 notices=1";
            String cairoN = "rx=1 items=1 qty=2 ae=1";
            String gizaN = "rx=2 items=2 qty=5";
            String gizaNone = "rx=1 items=1 qty=3 ae=1 serious=1";
            String nogov = "rx=1 items=1 qty=7";
            String pharmacyJ = "dispensings=1 dispItems=1 dispQty=5 notices=1";
            return List.of(
                    "cairo|0|*|Cairo|-/-/-|rx=2 rxDisp=2 items=4 qty=37 itemsDisp=3 qtyDisp=35 ae=2 serious=1 lifeThreatening=1 hosp=1 notices=1 users=3",
                    "cairo|1|J|Cairo|J/-/-|" + cairoJ,
                    "cairo|2|J01|Cairo|J/J01/-|" + cairoJ,
                    "cairo|3|J01C|Cairo|J/J01/J01C|" + cairoJ,
                    "cairo|1|N|Cairo|N/-/-|" + cairoN,
                    "cairo|2|N02|Cairo|N/N02/-|" + cairoN,
                    "cairo|3|N02B|Cairo|N/N02/N02B|" + cairoN,
                    "cairo|4|amox|Cairo|J/J01/J01C|rx=2 rxDisp=2 items=2 qty=15 itemsDisp=2 qtyDisp=15 ae=1 serious=1 notices=1",
                    "cairo|4|coamox|Cairo|J/J01/J01C|rx=1 rxDisp=1 items=1 qty=20 itemsDisp=1 qtyDisp=20 ae=1 serious=1",
                    "cairo|4|para|Cairo|N/N02/N02B|" + cairoN,
                    "giza|0|*|Giza|-/-/-|rx=2 items=3 qty=8 ae=1 serious=1 death=1 users=1",
                    "giza|1|N|Giza|N/-/-|" + gizaN,
                    "giza|2|N02|Giza|N/N02/-|" + gizaN,
                    "giza|3|N02B|Giza|N/N02/N02B|" + gizaN,
                    "giza|4|para|Giza|N/N02/N02B|" + gizaN,
                    "giza|1|_|Giza|_/-/-|" + gizaNone,
                    "giza|2|_|Giza|_/_/-|" + gizaNone,
                    "giza|3|_|Giza|_/_/_|" + gizaNone,
                    "giza|4|noatc|Giza|_/_/_|" + gizaNone,
                    "nogov|0|*|unknown|-/-/-|" + nogov,
                    "nogov|1|A|unknown|A/-/-|" + nogov,
                    "nogov|2|_|unknown|_/_/-|" + nogov,
                    "nogov|3|_|unknown|_/_/_|" + nogov,
                    "nogov|4|shortatc|unknown|A/_/_|" + nogov,
                    "pharmacy|0|*|Cairo|-/-/-|" + pharmacyJ + " users=1",
                    "pharmacy|1|J|Cairo|J/-/-|" + pharmacyJ,
                    "pharmacy|2|J01|Cairo|J/J01/-|" + pharmacyJ,
                    "pharmacy|3|J01C|Cairo|J/J01/J01C|" + pharmacyJ,
                    "pharmacy|4|amox|Cairo|J/J01/J01C|" + pharmacyJ);
        }
        if (day.equals(d2)) {
            String gizaN = "rx=1 items=1 qty=6";
            String pharmacyJ = "dispensings=1 dispItems=2 dispQty=30 subs=1";
            String pharmacyN = "notices=1 acks=1";
            return List.of(
                    "giza|0|*|Giza|-/-/-|" + gizaN,
                    "giza|1|N|Giza|N/-/-|" + gizaN,
                    "giza|2|N02|Giza|N/N02/-|" + gizaN,
                    "giza|3|N02B|Giza|N/N02/N02B|" + gizaN,
                    "giza|4|para|Giza|N/N02/N02B|" + gizaN,
                    "cairo|0|*|Cairo|-/-/-|acks=1 users=1",
                    "cairo|1|J|Cairo|J/-/-|acks=1",
                    "cairo|2|J01|Cairo|J/J01/-|acks=1",
                    "cairo|3|J01C|Cairo|J/J01/J01C|acks=1",
                    "cairo|4|amox|Cairo|J/J01/J01C|acks=1",
                    "pharmacy|0|*|Cairo|-/-/-|" + pharmacyJ + " notices=1 acks=1",
                    "pharmacy|1|J|Cairo|J/-/-|" + pharmacyJ,
                    "pharmacy|2|J01|Cairo|J/J01/-|" + pharmacyJ,
                    "pharmacy|3|J01C|Cairo|J/J01/J01C|" + pharmacyJ,
                    "pharmacy|4|amox|Cairo|J/J01/J01C|dispensings=1 dispItems=1 dispQty=10",
                    "pharmacy|4|coamox|Cairo|J/J01/J01C|dispensings=1 dispItems=1 dispQty=20 subs=1",
                    "pharmacy|1|N|Cairo|N/-/-|" + pharmacyN,
                    "pharmacy|2|N02|Cairo|N/N02/-|" + pharmacyN,
                    "pharmacy|3|N02B|Cairo|N/N02/N02B|" + pharmacyN,
                    "pharmacy|4|para|Cairo|N/N02/N02B|" + pharmacyN);
        }
        return List.of();
    }

    /** National rows: name|atc1/atc2/atc3|recalls opened|class I|II|III|prescriptions|adverse events. */
    List<String> expectedNational(LocalDate day) {
        if (day.equals(d0)) {
            return List.of("para|N/N02/N02B|0|0|0|0|1|0");
        }
        if (day.equals(d1)) {
            return List.of("amox|J/J01/J01C|1|1|0|0|2|1", "coamox|J/J01/J01C|0|0|0|0|1|1", "para|N/N02/N02B|0|0|0|0|3|1",
                    "noatc|//|0|0|0|0|1|1", "shortatc|A//|0|0|0|0|1|0");
        }
        if (day.equals(d2)) {
            return List.of("para|N/N02/N02B|1|0|1|0|1|0", "amox|J/J01/J01C|0|0|0|0|0|0", "coamox|J/J01/J01C|0|0|0|0|0|0");
        }
        return List.of();
    }

    /**
     * The facts of {@code day} for this scenario's tenants, in the {@link #expected} format: level 0 from
     * analytics_daily_tenant, level 4 from analytics_daily_medicine, and levels 1-3 rolled up as the API does (sums of
     * the representative counts x_atcN and of the additive measures, per tenant and ATC code).
     */
    List<String> actual(Connection connection, LocalDate day) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (var s = connection.prepareStatement("SELECT * FROM analytics_daily_tenant WHERE day = ?")) {
            s.setObject(1, day);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    String tenant = names.get((UUID) r.getObject("tenant_id"));
                    if (tenant != null) {
                        lines.add(String.join("|", tenant, "0", "*", r.getString("governorate"), "-/-/-",
                                measures(r, TENANT_MEASURES)));
                    }
                }
            }
        }
        try (var s = connection.prepareStatement("SELECT * FROM analytics_daily_medicine WHERE day = ?")) {
            s.setObject(1, day);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    String tenant = names.get((UUID) r.getObject("tenant_id"));
                    if (tenant != null) {
                        lines.add(String.join("|", tenant, "4", names.get((UUID) r.getObject("medicine_id")),
                                r.getString("governorate"), atc(r.getString("atc1")) + "/" + atc(r.getString("atc2")) + "/"
                                        + atc(r.getString("atc3")), measures(r, MEDICINE_MEASURES)));
                    }
                }
            }
        }
        for (int level = 1; level <= 3; level++) {
            int n = level;
            String sums = Arrays.stream(MEDICINE_MEASURES)
                    .map(m -> "sum(" + m[0] + (m[2].equals("rep") ? "_atc" + n : "") + ") AS " + m[0])
                    .collect(Collectors.joining(", "));
            try (var s = connection.prepareStatement("SELECT tenant_id, atc" + n + " AS code, max(governorate) AS governorate, "
                    + sums + " FROM analytics_daily_medicine WHERE day = ? GROUP BY tenant_id, atc" + n)) {
                s.setObject(1, day);
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        String tenant = names.get((UUID) r.getObject("tenant_id"));
                        if (tenant == null) {
                            continue;
                        }
                        String code = r.getString("code");
                        String first = code.isEmpty() ? "_" : code.substring(0, 1);
                        String second = code.isEmpty() ? "_" : code.substring(0, Math.min(3, code.length()));
                        String codes = switch (level) {
                            case 1 -> atc(code) + "/-/-";
                            case 2 -> first + "/" + atc(code) + "/-";
                            default -> first + "/" + second + "/" + atc(code);
                        };
                        lines.add(String.join("|", tenant, String.valueOf(level), atc(code), r.getString("governorate"),
                                codes, measures(r, MEDICINE_MEASURES)));
                    }
                }
            }
        }
        return lines;
    }

    /** National rows of the day, in the {@link #expectedNational} format. */
    List<String> actualNational(Connection connection, LocalDate day) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (var s = connection.prepareStatement("SELECT * FROM analytics_daily_national WHERE day = ?")) {
            s.setObject(1, day);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(String.join("|", names.getOrDefault((UUID) r.getObject("medicine_id"), "?"),
                            r.getString("atc1") + "/" + r.getString("atc2") + "/" + r.getString("atc3"),
                            r.getString("recalls_opened"), r.getString("recalls_class_i"), r.getString("recalls_class_ii"),
                            r.getString("recalls_class_iii"), r.getString("prescriptions"), r.getString("adverse_events")));
                }
            }
        }
        return lines;
    }

    private static String measures(ResultSet r, String[][] measures) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String[] m : measures) {
            long value = r.getLong(m[0]);
            if (value != 0) {
                values.add(m[1] + "=" + value);
            }
        }
        return String.join(" ", values);
    }

    private static String atc(String code) {
        return code == null ? "-" : code.isEmpty() ? "_" : code;
    }

    private static final String[][] TENANT_MEASURES = {
            {"prescriptions", "rx"}, {"prescriptions_dispensed", "rxDisp"}, {"items_prescribed", "items"},
            {"quantity_prescribed", "qty"}, {"items_dispensed", "itemsDisp"}, {"quantity_dispensed", "qtyDisp"},
            {"dispensings", "dispensings"}, {"dispensed_items", "dispItems"}, {"dispensed_quantity", "dispQty"},
            {"substitutions", "subs"}, {"adverse_events", "ae"}, {"adverse_events_serious", "serious"},
            {"ae_death", "death"}, {"ae_life_threatening", "lifeThreatening"}, {"ae_hospitalisation", "hosp"},
            {"ae_disability", "disability"}, {"ae_congenital_anomaly", "congenital"},
            {"ae_other_medically_important", "other"}, {"recall_notices", "notices"},
            {"recall_acknowledgements", "acks"}, {"active_users", "users"}};
    /** Measures of the medicine rows; "rep" marks the entity counts whose ATC rollup sums their x_atcN columns. */
    private static final String[][] MEDICINE_MEASURES = {
            {"prescriptions", "rx", "rep"}, {"prescriptions_dispensed", "rxDisp", "rep"}, {"items_prescribed", "items", ""},
            {"quantity_prescribed", "qty", ""}, {"items_dispensed", "itemsDisp", ""}, {"quantity_dispensed", "qtyDisp", ""},
            {"dispensings", "dispensings", "rep"}, {"dispensed_items", "dispItems", ""}, {"dispensed_quantity", "dispQty", ""},
            {"substitutions", "subs", ""}, {"adverse_events", "ae", "rep"}, {"adverse_events_serious", "serious", "rep"},
            {"recall_notices", "notices", ""}, {"recall_acknowledgements", "acks", ""}};
}
