package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportColumnTest {
    static final ReportColumn CRITERIA = new ReportColumn("criteria", ColumnType.TEXT, new Bilingual("Criteria", "المعايير"), 10,
            Map.of("death", new Bilingual("Death", "وفاة"), "hospitalisation", new Bilingual("Hospitalisation", "دخول المستشفى")));

    @Test
    void aCodeIsShownByItsLabelInTheReportsLanguage() {
        assertThat(CRITERIA.label("death", ReportLanguage.EN)).isEqualTo("Death");
        assertThat(CRITERIA.label("death", ReportLanguage.AR)).isEqualTo("وفاة");
        assertThat(CRITERIA.label("something else", ReportLanguage.AR)).isEqualTo("something else");
    }

    @Test
    void eachCodeOfAJoinedListIsLabelledAndJoinedWithTheLanguagesComma() {
        assertThat(CRITERIA.label("death, hospitalisation", ReportLanguage.EN)).isEqualTo("Death, Hospitalisation");
        assertThat(CRITERIA.label("death, hospitalisation", ReportLanguage.AR)).isEqualTo("وفاة، دخول المستشفى");
        assertThat(CRITERIA.label("death, unlisted", ReportLanguage.EN)).isEqualTo("Death, unlisted");
    }
}
