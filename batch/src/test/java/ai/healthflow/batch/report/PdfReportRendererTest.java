package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PdfReportRendererTest {

    static byte[] render(ReportLanguage language, RowSource rows, long expectedRows) throws Exception {
        var out = new ByteArrayOutputStream();
        new PdfReportRenderer(ReportFonts.packaged()).render(Fixtures.context(language, expectedRows), rows, out);
        return out.toByteArray();
    }

    /**
     * The page's text as a reader reads it. OpenPDF's extractor returns glyphs in the order they are drawn, so a
     * right-to-left run (shaped Arabic, drawn from its last letter on the left to its first on the right) comes
     * out reversed: each run is read back from right to left (numbers inside it stay as they are), then the
     * presentation forms are folded back to letters (NFKC). Text drawn in logical order or unshaped would come out
     * scrambled here.
     */
    static String text(PdfReader reader, int page) throws Exception {
        return Normalizer.normalize(logical(new PdfTextExtractor(reader).getTextFromPage(page)), Normalizer.Form.NFKC);
    }

    static String logical(String visual) {
        StringBuilder out = new StringBuilder(visual.length());
        int i = 0;
        while (i < visual.length()) {
            if (!arabic(visual.charAt(i))) {
                out.append(visual.charAt(i++));
                continue;
            }
            int last = i;
            for (int j = i; j < visual.length() && visual.charAt(j) != '\n' && !latinLetter(visual.charAt(j)); j++) {
                if (arabic(visual.charAt(j))) {
                    last = j;
                }
            }
            out.append(readRightToLeft(visual.substring(i, last + 1)));
            i = last + 1;
        }
        return out.toString();
    }

    private static String readRightToLeft(String run) {
        StringBuilder out = new StringBuilder(run.length());
        int i = run.length() - 1;
        while (i >= 0) {
            char c = run.charAt(i);
            if (Character.isDigit(c)) {
                int start = i;
                while (start > 0 && (Character.isDigit(run.charAt(start - 1)) || run.charAt(start - 1) == '.'
                        || run.charAt(start - 1) == ':' || run.charAt(start - 1) == '-') && Character.isDigit(run.charAt(start))) {
                    start--;
                }
                out.append(run, start, i + 1);
                i = start - 1;
            } else {
                out.append(c == '(' ? ')' : c == ')' ? '(' : c);
                i--;
            }
        }
        return out.toString();
    }

    private static boolean arabic(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC && !Character.isDigit(c);
    }

    private static boolean latinLetter(char c) {
        return c < 0x250 && Character.isLetter(c);
    }

    @Test
    void anEnglishReportHasTitleParametersTableAndPageNumbers() throws Exception {
        PdfReader reader = new PdfReader(render(ReportLanguage.EN, Fixtures.rows(120), 120));

        assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(3);
        // the extractor's spacing between cells varies: compare without white space
        String first = flat(text(reader, 1));
        assertThat(first).contains(flat("Sample medicines"), flat("Generated 2026-11-22 10:30:00 (Africa/Cairo)"),
                flat("Data scope All tenants"), flat("Rows 120"), flat("Status registered"), flat("From 2026-10-23"),
                flat("Trade name Trade name (Arabic) Quantity Price Registered on Updated at Serious Status"),
                flat("Panadol 0"), "0.50", "2024-01-01", flat("Yes Withdrawn"), flat("Page 1 of"));
        String second = flat(text(reader, 2));
        assertThat(second).as("the header row repeats on every page").contains(flat("Trade name Trade name (Arabic)"))
                .contains(flat("Page 2 of")).contains(flat("Sample medicines · Generated: 2026-11-22 10:30:00"));
        assertThat(flat(text(reader, reader.getNumberOfPages()))).contains(flat("Panadol 119"));
    }

    static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }

    @Test
    void theTotalPageCountIsFilledInAtTheEnd() throws Exception {
        byte[] pdf = render(ReportLanguage.EN, Fixtures.rows(120), 120);
        PdfReader reader = new PdfReader(pdf);
        int pages = reader.getNumberOfPages();

        // the total is a form XObject shared by every page's footer, written when the document closes
        String all = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(all).contains("/Subtype/Form");
        assertThat(flat(text(reader, 1))).contains("Page1of" + pages);
    }

    @Test
    void arabicWordsComeBackAsWords() throws Exception {
        PdfReader reader = new PdfReader(render(ReportLanguage.AR, Fixtures.rows(3), 3));

        String text = text(reader, 1);
        assertThat(text).contains("أدوية تجريبية", "الاسم التجاري", "تاريخ التسجيل", "بانادول", "مسحوب", "مسجل",
                "نطاق البيانات", "جميع الجهات", "صفحة 1 من", "نعم", "لا");
    }

    @Test
    void arabicLettersAreShapedIntoTheirJoinedForms() throws Exception {
        // one Arabic word on the page ("بانادول 0"): its beh and noon start words, so they must be drawn with the
        // font's initial-form glyphs (U+FE91, U+FEE7), never the isolated letter glyphs (U+0628, U+0646)
        byte[] pdf = render(ReportLanguage.EN, Fixtures.rows(1), 1);
        Set<Integer> shown = shownGlyphs(new PdfReader(pdf).getPageContent(1));

        Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(ReportFonts.packaged().regular()));
        assertThat(shown).contains(glyph(font, '\uFE91'), glyph(font, '\uFEE7'));
        assertThat(shown).doesNotContain(glyph(font, '\u0628'), glyph(font, '\u0646'));
    }

    @Test
    void pdftotextReadsTheArabicWordsToo() throws Exception {
        // the tool most people's viewers resemble: poppler reorders by itself; only where it is installed
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/pdftotext")),
                "pdftotext is not installed");
        java.nio.file.Path pdf = java.nio.file.Files.createTempFile("report", ".pdf");
        java.nio.file.Files.write(pdf, render(ReportLanguage.AR, Fixtures.rows(3), 3));
        Process process = new ProcessBuilder("/usr/bin/pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = Normalizer.normalize(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                Normalizer.Form.NFKC);
        process.waitFor();

        assertThat(text).contains("أدوية تجريبية").contains("الاسم التجاري").contains("بانادول").contains("جميع الجهات");
    }

    @Test
    void anEmptyReportSaysSo() throws Exception {
        PdfReader reader = new PdfReader(render(ReportLanguage.EN, h -> 0, 0));

        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(text(reader, 1)).contains("Trade name").contains("No rows match these parameters.");
    }

    static int glyph(Font font, char c) {
        return font.createGlyphVector(new FontRenderContext(null, false, false), String.valueOf(c)).getGlyphCode(0);
    }

    /** Glyph ids shown on a page: every string of its content stream, two bytes per glyph (Identity-H). */
    static Set<Integer> shownGlyphs(byte[] content) {
        Set<Integer> glyphs = new HashSet<>();
        int i = 0;
        while (i < content.length) {
            if (content[i] == '(') {
                var bytes = new ByteArrayOutputStream();
                i = literal(content, i + 1, bytes);
                byte[] codes = bytes.toByteArray();
                for (int j = 0; j + 1 < codes.length; j += 2) {
                    glyphs.add(((codes[j] & 0xFF) << 8) | (codes[j + 1] & 0xFF));
                }
            } else if (content[i] == '<' && i + 1 < content.length && content[i + 1] != '<') {
                int end = i + 1;
                while (end < content.length && content[end] != '>') {
                    end++;
                }
                String hex = new String(content, i + 1, end - i - 1, StandardCharsets.ISO_8859_1).replaceAll("\\s", "");
                for (int j = 0; j + 4 <= hex.length(); j += 4) {
                    glyphs.add(Integer.parseInt(hex.substring(j, j + 4), 16));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return glyphs;
    }

    /** Reads a PDF literal string (after its opening parenthesis) into {@code out}; returns the index after it. */
    private static int literal(byte[] content, int i, ByteArrayOutputStream out) {
        int depth = 1;
        while (i < content.length) {
            int c = content[i] & 0xFF;
            if (c == '\\') {
                int next = content[i + 1] & 0xFF;
                if (next >= '0' && next <= '7') {
                    int value = 0;
                    int digits = 0;
                    while (digits < 3 && (content[i + 1] & 0xFF) >= '0' && (content[i + 1] & 0xFF) <= '7') {
                        value = value * 8 + (content[++i] - '0');
                        digits++;
                    }
                    out.write(value);
                    i++;
                    continue;
                }
                switch (next) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case '\r', '\n' -> { } // line continuation
                    default -> out.write(next);
                }
                i += 2;
            } else if (c == '(') {
                depth++;
                out.write(c);
                i++;
            } else if (c == ')') {
                if (--depth == 0) {
                    return i + 1;
                }
                out.write(c);
                i++;
            } else {
                out.write(c);
                i++;
            }
        }
        return i;
    }
}
