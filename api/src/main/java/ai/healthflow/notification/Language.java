package ai.healthflow.notification;

import java.util.List;
import java.util.Locale;

/** The two languages every message is written in; a client's {@code Accept-Language} picks one (English first). */
public enum Language {
    EN, AR;

    /** The first of the client's acceptable languages that we have; English when it names neither. */
    public static Language pick(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            switch (locale.getLanguage()) {
                case "ar" -> {
                    return AR;
                }
                case "en", "*" -> {
                    return EN;
                }
                default -> {
                    // a language we do not write: try the client's next choice
                }
            }
        }
        return EN;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
