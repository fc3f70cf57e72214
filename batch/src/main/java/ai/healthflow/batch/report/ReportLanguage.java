package ai.healthflow.batch.report;

import java.util.Arrays;
import java.util.Optional;

/** The language a report is rendered in: headers, labels, cover and, for Arabic, right-to-left sheets and pages. */
public enum ReportLanguage {
    EN("en"), AR("ar");

    private final String code;

    ReportLanguage(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean rightToLeft() {
        return this == AR;
    }

    public static Optional<ReportLanguage> parse(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }
}
