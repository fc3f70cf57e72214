package ai.healthflow.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/** Reading rendered reports back in tests: XLSX with POI, PDF text with OpenPDF, CSV as text. */
public final class ReportFiles {
    private ReportFiles() {
    }

    static XSSFWorkbook xlsx(byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> row(XSSFSheet sheet, int index) {
        List<String> cells = new ArrayList<>();
        for (Cell cell : sheet.getRow(index)) {
            cells.add(cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue()) : cell.toString());
        }
        return cells;
    }

    /** CSV text without its byte-order mark (which is checked to be there). */
    public static String csv(byte[] bytes) {
        if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xEF || (bytes[1] & 0xFF) != 0xBB || (bytes[2] & 0xFF) != 0xBF) {
            throw new AssertionError("no UTF-8 byte-order mark");
        }
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    public static int pdfPages(byte[] bytes) throws IOException {
        return new PdfReader(bytes).getNumberOfPages();
    }

    /**
     * A page's text as a reader reads it: OpenPDF's extractor returns shaped right-to-left runs in drawing order
     * (reversed), so each Arabic run is read back from right to left, numbers kept, then folded with NFKC.
     */
    public static String pdfText(byte[] bytes, int page) throws IOException {
        String visual = new PdfTextExtractor(new PdfReader(bytes)).getTextFromPage(page);
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
            String run = visual.substring(i, last + 1);
            for (int k = run.length() - 1; k >= 0; k--) {
                char c = run.charAt(k);
                if (Character.isDigit(c)) {
                    int start = k;
                    while (start > 0 && Character.isDigit(run.charAt(start - 1))) {
                        start--;
                    }
                    out.append(run, start, k + 1);
                    k = start;
                } else {
                    out.append(c == '(' ? ')' : c == ')' ? '(' : c);
                }
            }
            i = last + 1;
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFKC);
    }

    public static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static boolean arabic(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC && !Character.isDigit(c);
    }

    private static boolean latinLetter(char c) {
        return c < 0x250 && Character.isLetter(c);
    }
}
