package ai.healthflow.batch.safety;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import static ai.healthflow.batch.report.ReportLanguage.AR;
import static ai.healthflow.batch.report.ReportLanguage.EN;
import static org.assertj.core.api.Assertions.assertThat;

class SafetySummaryFilesTest {
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Test
    void filesAreNamedByMonthGroupingAndLanguage() {
        var files = new SafetySummaryFiles(Path.of("home", "reports"));

        assertThat(files.file(OCTOBER, Grouping.INGREDIENT, EN))
                .isEqualTo(Path.of("home", "reports", "safety-summaries", "safety-summary-2026-10-en.pdf"));
        assertThat(files.file(OCTOBER, Grouping.MEDICINE, AR))
                .isEqualTo(Path.of("home", "reports", "safety-summaries", "safety-summary-2026-10-medicine-ar.pdf"));
    }

    @Test
    void theListHasTheSummariesNewestMonthFirstAndNothingElse(@TempDir Path reports) throws Exception {
        var files = new SafetySummaryFiles(reports);
        assertThat(files.list()).as("no directory yet").isEmpty();
        Files.createDirectories(reports.resolve("safety-summaries"));
        for (String name : new String[]{"safety-summary-2026-09-ar.pdf", "safety-summary-2026-10-medicine-en.pdf",
                "safety-summary-2026-10-ar.pdf", "safety-summary-2026-10-en.pdf", ".tmp-safety-summary-2026-11-en.pdf",
                "safety-summary-2026-13-en.pdf", "notes.txt"}) {
            Files.writeString(reports.resolve("safety-summaries").resolve(name), "%PDF " + name);
        }

        assertThat(files.list()).extracting(s -> s.month() + " " + s.grouping().code() + " " + s.language().code())
                .containsExactly("2026-10 ingredient en", "2026-10 ingredient ar", "2026-10 medicine en",
                        "2026-09 ingredient ar");
        var found = files.find(OCTOBER, Grouping.INGREDIENT, AR).orElseThrow();
        assertThat(found.sizeBytes()).isEqualTo(Files.size(found.file()));
        assertThat(files.find(YearMonth.of(2026, 8), Grouping.INGREDIENT, EN)).isEmpty();
    }
}
