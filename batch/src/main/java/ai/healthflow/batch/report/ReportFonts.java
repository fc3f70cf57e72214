package ai.healthflow.batch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font files the PDF renderer embeds, read once from {@code reports-templates/fonts/} on the class path:
 * DejaVu Sans regular and bold, which cover Latin and Arabic (licence: reports-templates/fonts/LICENSE-DejaVu.txt).
 *
 * @param regularName the font's file name (the PDF font name derives from it)
 */
public record ReportFonts(String regularName, byte[] regular, String boldName, byte[] bold) {
    public static final String DIRECTORY = "reports-templates/fonts/";
    private static volatile ReportFonts packaged;

    /** DejaVu Sans as packaged with the templates (read on first use, then shared). */
    public static ReportFonts packaged() {
        ReportFonts fonts = packaged;
        if (fonts == null) {
            fonts = new ReportFonts("DejaVuSans.ttf", read("DejaVuSans.ttf"), "DejaVuSans-Bold.ttf", read("DejaVuSans-Bold.ttf"));
            packaged = fonts;
        }
        return fonts;
    }

    private static byte[] read(String file) {
        try (InputStream in = ReportFonts.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException(DIRECTORY + file + " is missing from the class path "
                        + "(reports-templates must be packaged as resources)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the report font " + file, e);
        }
    }
}
