package ai.healthflow.batch.report;

/** A text in English and Arabic (titles, headers, labels); both are required. */
public record Bilingual(String en, String ar) {

    public String in(ReportLanguage language) {
        return language == ReportLanguage.AR ? ar : en;
    }
}
