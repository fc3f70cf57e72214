package ai.healthflow.medicine.importing;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The first sheet of an XLSX workbook, read through POI's SAX event model: rows stream by, memory stays flat
 * whatever the file size. The header is the first non-empty row.
 */
public final class XlsxRowReader implements RowReader {
    private final Path file;

    public XlsxRowReader(Path file) {
        this.file = file;
    }

    @Override
    public void read(Consumer<List<String>> header, Consumer<ImportRow> rows) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ImportFileUnreadable("The workbook has no sheet.");
            }
            var handler = new Rows(header, rows);
            try (InputStream sheet = sheets.next()) {
                var parser = XMLHelper.newXMLReader(); // POI's hardened parser: no external entities
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                        new ReadOnlySharedStringsTable(pkg), handler, new PlainNumbers(), false));
                parser.parse(new InputSource(sheet));
            }
            if (!handler.sawHeader) {
                throw new ImportFileUnreadable("The sheet is empty: a header row is required.");
            }
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new ImportFileUnreadable("The file is not an XLSX workbook.");
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new ImportFileUnreadable("The workbook cannot be read.");
        }
    }

    /** Numbers as typed: a GTIN must not become 6.22123E+12, a price not lose its decimals. */
    private static final class PlainNumbers extends DataFormatter {
        PlainNumbers() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if ("General".equalsIgnoreCase(formatString) || formatString == null || formatString.startsWith("0")) {
                return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Consumer<List<String>> header;
        private final Consumer<ImportRow> rows;
        private Map<Integer, String> cells = new HashMap<>();
        private List<String> columns;
        boolean sawHeader;

        Rows(Consumer<List<String>> header, Consumer<ImportRow> rows) {
            this.header = header;
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new HashMap<>();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            if (reference != null && value != null) {
                cells.put((int) new CellReference(reference).getCol(), value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.isEmpty()) {
                return;
            }
            if (!sawHeader) {
                int width = cells.keySet().stream().max(Integer::compare).orElse(-1) + 1;
                columns = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    columns.add(cells.getOrDefault(i, "").strip().toLowerCase(Locale.ROOT));
                }
                sawHeader = true;
                header.accept(List.copyOf(columns));
                return;
            }
            var values = new HashMap<String, String>();
            cells.forEach((column, value) -> {
                if (column < columns.size()) {
                    values.put(columns.get(column), value);
                }
            });
            rows.accept(new ImportRow(rowNum + 1, values)); // POI counts rows from 0, people from 1
        }
    }
}
