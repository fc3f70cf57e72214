package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportRendererTest {

    static String render(ReportLanguage language, RowSource rows) throws Exception {
        var out = new ByteArrayOutputStream();
        new CsvReportRenderer().render(Fixtures.context(language, -1), rows, out);
        byte[] bytes = out.toByteArray();
        // UTF-8 byte-order mark first, so spreadsheet programs read the Arabic
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void writesRfc4180WithTypedValuesInIsoForm() throws Exception {
        String csv = render(ReportLanguage.EN, Fixtures.rows(2));

        assertThat(csv.split("\r\n", -1)).containsExactly(
                "Trade name,Trade name (Arabic),Quantity,Price,Registered on,Updated at,Serious,Status",
                "Panadol 0,بانادول 0,0,0.50,2024-01-01,2026-11-01 09:15:00,true,Withdrawn",
                "Panadol 1,بانادول 1,1,1.50,2024-01-02,2026-11-01 09:16:00,false,Registered",
                "");
    }

    @Test
    void arabicHeadersAndLabelsInAnArabicReport() throws Exception {
        String csv = render(ReportLanguage.AR, Fixtures.rows(1));

        assertThat(csv).startsWith("الاسم التجاري بالإنجليزية,الاسم التجاري,الكمية,السعر,تاريخ التسجيل,وقت التحديث,خطير,الحالة\r\n");
        assertThat(csv).contains(",مسحوب\r\n");
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaks() throws Exception {
        String csv = render(ReportLanguage.EN, Fixtures.row("Panadol, \"Extra\"", "سطر\nثان", 1L, null, null, null, null, null));

        assertThat(csv).contains("\r\n\"Panadol, \"\"Extra\"\"\",\"سطر\nثان\",1,,,,,\r\n");
    }

    @Test
    void textThatCouldRunAsAFormulaIsNeutralisedButNumbersAreNot() throws Exception {
        String csv = render(ReportLanguage.EN, Fixtures.row("=HYPERLINK(\"http://x\")", "+1", -5L,
                new BigDecimal("-2.5"), LocalDate.of(2026, 1, 1), LocalDateTime.of(2026, 1, 1, 0, 0), true, "@SUM(A1)"));
        String row = csv.split("\r\n")[1];

        assertThat(row).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",-5,-2.5,2026-01-01,2026-01-01 00:00:00,true,\"'@SUM(A1)\"");
        assertThat(CsvReportRenderer.textField("-cmd")).isEqualTo("\"'-cmd\"");
        assertThat(CsvReportRenderer.textField("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(CsvReportRenderer.textField("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(CsvReportRenderer.textField("a=b")).isEqualTo("a=b");
    }
}
