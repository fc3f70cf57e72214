package ai.healthflow.batch.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

/** A small definition with every column type, and rows made up for it. */
final class Fixtures {
    static final Instant GENERATED = Instant.parse("2026-11-22T08:30:00Z");
    static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

    static final String SAMPLE = """
            id: sample
            title: { en: Sample medicines, ar: أدوية تجريبية }
            permission: reports:read
            scope: global
            parameters:
              - { name: status, type: enum, values: [registered, withdrawn], default: registered,
                  label: { en: Status, ar: الحالة } }
              - { name: from, type: date, default: today-30d, label: { en: From, ar: من } }
            source:
              sql: |
                SELECT * FROM sample WHERE (CAST(:status AS text) IS NULL OR status = :status) AND day >= :from
            columns:
              - { field: name_en, type: text, header: { en: Trade name, ar: الاسم التجاري بالإنجليزية }, width: 20 }
              - { field: name_ar, type: text, header: { en: Trade name (Arabic), ar: الاسم التجاري }, width: 20 }
              - { field: quantity, type: integer, header: { en: Quantity, ar: الكمية } }
              - { field: price, type: decimal, header: { en: Price, ar: السعر } }
              - { field: day, type: date, header: { en: Registered on, ar: تاريخ التسجيل } }
              - { field: at, type: timestamp, header: { en: Updated at, ar: وقت التحديث } }
              - { field: serious, type: boolean, header: { en: Serious, ar: خطير } }
              - field: status
                type: text
                header: { en: Status, ar: الحالة }
                labels:
                  registered: { en: Registered, ar: مسجل }
                  withdrawn: { en: Withdrawn, ar: مسحوب }
            formats: [xlsx, pdf, csv]
            sort: name_en
            """;

    private Fixtures() {
    }

    static ReportDefinition sample() {
        return ReportCatalog.fromSources(Map.of("sample.yml", SAMPLE)).find("sample").orElseThrow();
    }

    static ReportContext context(ReportLanguage language, long expectedRows) {
        ReportDefinition definition = sample();
        ParameterValues values = ParameterValues.resolve(definition, Map.of(), LocalDate.of(2026, 11, 22));
        return new ReportContext(definition, language, values, GENERATED, CAIRO,
                new Bilingual("All tenants", "جميع الجهات"), expectedRows);
    }

    /** Row i: "Panadol i" / "بانادول i", i, i + 0.5, dates counting up, serious every third, withdrawn every fifth. */
    static RowSource rows(int count) {
        return handler -> {
            Object[] values = new Object[8];
            for (int i = 0; i < count; i++) {
                values[0] = "Panadol " + i;
                values[1] = "بانادول " + i;
                values[2] = (long) i;
                values[3] = new BigDecimal(i).add(new BigDecimal("0.50"));
                values[4] = LocalDate.of(2024, 1, 1).plusDays(i % 700);
                values[5] = LocalDateTime.of(2026, 11, 1, 9, 15).plusMinutes(i);
                values[6] = i % 3 == 0;
                values[7] = i % 5 == 0 ? "withdrawn" : "registered";
                handler.row(values);
            }
            return count;
        };
    }

    /** One row whose values are given. */
    static RowSource row(Object... values) {
        return handler -> {
            handler.row(values);
            return 1;
        };
    }
}
