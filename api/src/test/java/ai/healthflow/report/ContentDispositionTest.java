package ai.healthflow.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTest {

    @Test
    void anArabicNameTravelsInFilenameStarWithAnAsciiFallback() {
        String header = ContentDisposition.attachment("medicine-registry-2026-11-22.xlsx", "سجل الأدوية 2026-11-22.xlsx");

        assertThat(header).isEqualTo("attachment; filename=\"medicine-registry-2026-11-22.xlsx\"; "
                + "filename*=UTF-8''%D8%B3%D8%AC%D9%84%20%D8%A7%D9%84%D8%A3%D8%AF%D9%88%D9%8A%D8%A9%202026-11-22.xlsx");
    }

    @Test
    void quotesAndNonAsciiNeverBreakTheHeader() {
        assertThat(ContentDisposition.attachment("a\"b\\c\u00e9.csv", "a\"b.csv"))
                .isEqualTo("attachment; filename=\"a_b_c_.csv\"; filename*=UTF-8''a%22b.csv");
    }
}
