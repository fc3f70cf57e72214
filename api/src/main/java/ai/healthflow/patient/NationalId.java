package ai.healthflow.patient;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The Egyptian national ID (الرقم القومي): 14 digits {@code C YYMMDD GG SSSS X}. C is the century of birth (2:
 * 1900s, 3: 2000s), YYMMDD the birth date, GG the governorate of birth registration (88: abroad), SSSS a sequence
 * whose last digit is odd for men and even for women, X a check digit. The check digit's algorithm is not
 * published, so it is not verified; everything else is, and the date and sex must agree with what the form says.
 */
public record NationalId(String value, LocalDate birthDate, String governorate, String sex) {
    /** Governorate codes as issued by the Civil Status Organization. */
    static final Map<String, String> GOVERNORATES = Map.ofEntries(
            Map.entry("01", "Cairo"), Map.entry("02", "Alexandria"), Map.entry("03", "Port Said"),
            Map.entry("04", "Suez"), Map.entry("11", "Damietta"), Map.entry("12", "Dakahlia"),
            Map.entry("13", "Sharkia"), Map.entry("14", "Qaliubiya"), Map.entry("15", "Kafr El Sheikh"),
            Map.entry("16", "Gharbia"), Map.entry("17", "Menofia"), Map.entry("18", "Beheira"),
            Map.entry("19", "Ismailia"), Map.entry("21", "Giza"), Map.entry("22", "Beni Suef"),
            Map.entry("23", "Fayoum"), Map.entry("24", "Minya"), Map.entry("25", "Assiut"), Map.entry("26", "Sohag"),
            Map.entry("27", "Qena"), Map.entry("28", "Aswan"), Map.entry("29", "Luxor"), Map.entry("31", "Red Sea"),
            Map.entry("32", "New Valley"), Map.entry("33", "Matrouh"), Map.entry("34", "North Sinai"),
            Map.entry("35", "South Sinai"), Map.entry("88", "Abroad"));

    /** What is wrong with {@code text} as a national ID, or empty when it is well formed. */
    public static Optional<String> problem(String text, LocalDate today) {
        if (text == null || !text.matches("\\d{14}")) {
            return Optional.of("must be 14 digits");
        }
        int centuryDigit = text.charAt(0) - '0';
        if (centuryDigit != 2 && centuryDigit != 3) {
            return Optional.of("first digit (century of birth) must be 2 (1900s) or 3 (2000s)");
        }
        LocalDate born;
        try {
            born = LocalDate.of((centuryDigit == 2 ? 1900 : 2000) + Integer.parseInt(text.substring(1, 3)),
                    Integer.parseInt(text.substring(3, 5)), Integer.parseInt(text.substring(5, 7)));
        } catch (DateTimeException e) {
            return Optional.of("digits 2-7 must be a real birth date (YYMMDD)");
        }
        if (born.isAfter(today)) {
            return Optional.of("birth date in digits 2-7 is in the future");
        }
        if (!GOVERNORATES.containsKey(text.substring(7, 9))) {
            return Optional.of("digits 8-9 are not a governorate code");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when {@link #problem} finds one */
    public static NationalId parse(String text, LocalDate today) {
        problem(text, today).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        int century = text.charAt(0) == '2' ? 1900 : 2000;
        LocalDate born = LocalDate.of(century + Integer.parseInt(text.substring(1, 3)),
                Integer.parseInt(text.substring(3, 5)), Integer.parseInt(text.substring(5, 7)));
        String sex = (text.charAt(12) - '0') % 2 == 1 ? "male" : "female";
        return new NationalId(text, born, GOVERNORATES.get(text.substring(7, 9)), sex);
    }
}
