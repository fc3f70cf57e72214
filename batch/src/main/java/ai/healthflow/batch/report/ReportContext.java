package ai.healthflow.batch.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a renderer needs besides the rows: the definition, the language, the parameters used, when it was
 * generated, for whom, and the zone timestamps are shown in.
 *
 * @param scope        whose data the report holds ("All tenants", or the caller's tenant), per language; null to omit
 * @param expectedRows the row count if known beforehand (for progress), or -1
 */
public record ReportContext(ReportDefinition definition, ReportLanguage language, ParameterValues parameters,
                            Instant generatedAt, ZoneId zone, Bilingual scope, long expectedRows) {
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String title() {
        return definition.title().in(language);
    }

    /** The generation time as shown on covers and footers, with its zone. */
    public String generatedText() {
        return GENERATED.format(LocalDateTime.ofInstant(generatedAt, zone)) + " (" + zone.getId() + ")";
    }

    /** Label and display value of each parameter (every one, "—" where none), in declaration order. */
    public List<Map.Entry<String, String>> parameterLines() {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (ReportParameter parameter : definition.parameters()) {
            Object value = parameters.get(parameter.name());
            lines.add(Map.entry(parameter.label().in(language), value == null ? "—" : value.toString()));
        }
        return lines;
    }

    /** Fixed words of the cover and pages, per language. */
    public String word(Word word) {
        return word.text.in(language);
    }

    public enum Word {
        REPORT(new Bilingual("Report", "التقرير")),
        GENERATED(new Bilingual("Generated", "تاريخ الإنشاء")),
        PARAMETERS(new Bilingual("Parameters", "المعايير")),
        ROWS(new Bilingual("Rows", "عدد الصفوف")),
        SCOPE(new Bilingual("Data scope", "نطاق البيانات")),
        LANGUAGE(new Bilingual("Language", "اللغة")),
        PAGE(new Bilingual("Page", "صفحة")),
        OF(new Bilingual("of", "من")),
        NONE(new Bilingual("none", "لا يوجد")),
        YES(new Bilingual("Yes", "نعم")),
        NO(new Bilingual("No", "لا")),
        COVER(new Bilingual("Cover", "الغلاف")),
        DATA(new Bilingual("Data", "البيانات")),
        NO_ROWS(new Bilingual("No rows match these parameters.", "لا توجد صفوف مطابقة لهذه المعايير."));

        private final Bilingual text;

        Word(Bilingual text) {
            this.text = text;
        }
    }
}
