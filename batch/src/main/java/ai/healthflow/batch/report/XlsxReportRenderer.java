package ai.healthflow.batch.report;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * XLSX through POI's SXSSF: rows are written to a temporary file as they come and only a small window stays in
 * memory, so the heap does not grow with the report. Cells are typed (numbers as numbers, dates as dates with a
 * date format), the header row is bold and frozen, the data has an autofilter and the definition's column widths;
 * an Arabic report's sheets read right to left. A cover sheet comes first: title, parameters, data scope, row count
 * and generation time. Past Excel's 1,048,576 rows the data continues on another sheet with the same header.
 */
public final class XlsxReportRenderer implements ReportRenderer {
    /** Data rows per sheet: Excel's limit less the header row. */
    static final int ROWS_PER_SHEET = 1_048_575;
    /** Rows kept in memory per sheet before they go to the temporary file. */
    private static final int WINDOW = 256;
    private static final int MAX_TEXT = 32_767; // Excel's limit for one cell

    private final int rowsPerSheet;

    public XlsxReportRenderer() {
        this(ROWS_PER_SHEET);
    }

    /** For tests: a smaller sheet size shows the overflow to a second sheet without a million rows. */
    XlsxReportRenderer(int rowsPerSheet) {
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public long render(ReportContext context, RowSource rows, OutputStream out) throws IOException {
        // no shared-strings table (it would grow with the report); temporary files uncompressed (faster)
        SXSSFWorkbook workbook = new FastZipWorkbook();
        try {
            Styles styles = new Styles(workbook);
            Sheet cover = workbook.createSheet(context.word(ReportContext.Word.COVER));
            cover.setRightToLeft(context.language().rightToLeft());
            var data = new DataSheets(workbook, context, styles, rowsPerSheet);
            long count = rows.forEach(data::row);
            data.finish();
            writeCover(cover, context, styles, count);
            workbook.setActiveSheet(0);
            workbook.write(out);
            out.flush();
            return count;
        } finally {
            workbook.dispose(); // removes the temporary files
            workbook.close();
        }
    }

    private static void writeCover(Sheet cover, ReportContext context, Styles styles, long count) {
        cover.setColumnWidth(0, 28 * 256);
        cover.setColumnWidth(1, 60 * 256);
        int r = 0;
        Row title = cover.createRow(r++);
        text(title, 0, context.title(), styles.title);
        if (context.definition().description() != null) {
            text(cover.createRow(r++), 0, context.definition().description().in(context.language()), null);
        }
        r++;
        line(cover, r++, context.word(ReportContext.Word.REPORT), context.definition().id(), styles);
        line(cover, r++, context.word(ReportContext.Word.GENERATED), context.generatedText(), styles);
        line(cover, r++, context.word(ReportContext.Word.LANGUAGE), context.language().code(), styles);
        if (context.scope() != null) {
            line(cover, r++, context.word(ReportContext.Word.SCOPE), context.scope().in(context.language()), styles);
        }
        Row rowsLine = cover.createRow(r++);
        text(rowsLine, 0, context.word(ReportContext.Word.ROWS), styles.bold);
        Cell countCell = rowsLine.createCell(1);
        countCell.setCellValue(count);
        countCell.setCellStyle(styles.integer);
        r++;
        text(cover.createRow(r++), 0, context.word(ReportContext.Word.PARAMETERS), styles.bold);
        List<Map.Entry<String, String>> parameters = context.parameterLines();
        if (parameters.isEmpty()) {
            text(cover.createRow(r), 0, context.word(ReportContext.Word.NONE), null);
        }
        for (Map.Entry<String, String> parameter : parameters) {
            line(cover, r++, parameter.getKey(), parameter.getValue(), styles);
        }
    }

    private static void line(Sheet sheet, int index, String label, String value, Styles styles) {
        Row row = sheet.createRow(index);
        text(row, 0, label, styles.bold);
        text(row, 1, value, null);
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** The data sheets: header, typed cells, and a new sheet when one is full. */
    private static final class DataSheets {
        private final SXSSFWorkbook workbook;
        private final ReportContext context;
        private final Styles styles;
        private final int rowsPerSheet;
        private final List<ReportColumn> columns;
        private final CellStyle[] columnStyles;
        private final List<SXSSFSheet> sheets = new ArrayList<>();
        private SXSSFSheet sheet;
        private int rowIndex;

        DataSheets(SXSSFWorkbook workbook, ReportContext context, Styles styles, int rowsPerSheet) {
            this.workbook = workbook;
            this.context = context;
            this.styles = styles;
            this.rowsPerSheet = rowsPerSheet;
            this.columns = context.definition().columns();
            this.columnStyles = new CellStyle[columns.size()];
            for (int i = 0; i < columnStyles.length; i++) {
                columnStyles[i] = switch (columns.get(i).type()) {
                    case INTEGER -> styles.integer;
                    case DECIMAL -> styles.decimal;
                    case DATE -> styles.date;
                    case TIMESTAMP -> styles.timestamp;
                    // every cell gets a style: without one, POI looks up the column's default style in the sheet's
                    // XML for each cell it writes, which was two thirds of the time
                    case TEXT, BOOLEAN -> styles.plain;
                };
            }
            newSheet();
        }

        private void newSheet() {
            finishSheet();
            String name = context.word(ReportContext.Word.DATA) + (sheets.isEmpty() ? "" : " " + (sheets.size() + 1));
            sheet = workbook.createSheet(name);
            sheets.add(sheet);
            sheet.setRightToLeft(context.language().rightToLeft());
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                text(header, i, columns.get(i).header().in(context.language()), styles.header);
                sheet.setColumnWidth(i, Math.min(255, columns.get(i).width() + 2) * 256);
            }
            sheet.createFreezePane(0, 1);
            rowIndex = 1;
        }

        void row(Object[] values) {
            if (rowIndex > rowsPerSheet) {
                newSheet();
            }
            Row row = sheet.createRow(rowIndex++);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                switch (value) {
                    case String s -> {
                        ReportColumn column = columns.get(i);
                        String shown = column.labels().isEmpty() ? s : column.label(s, context.language());
                        cell.setCellValue(shown.length() > MAX_TEXT ? shown.substring(0, MAX_TEXT) : shown);
                    }
                    case Long l -> cell.setCellValue(l.doubleValue());
                    case BigDecimal d -> cell.setCellValue(d.doubleValue());
                    case LocalDate d -> cell.setCellValue(d);
                    case LocalDateTime t -> cell.setCellValue(t);
                    case Boolean b -> cell.setCellValue(b);
                    default -> cell.setCellValue(value.toString());
                }
                cell.setCellStyle(columnStyles[i]);
            }
        }

        void finish() {
            finishSheet();
        }

        private void finishSheet() {
            if (sheet != null) {
                int lastRow = Math.max(0, rowIndex - 1);
                sheet.setAutoFilter(new CellRangeAddress(0, lastRow, 0, columns.size() - 1));
            }
        }
    }

    /**
     * Zips the finished sheets with the fastest deflate level: the default level spent a third of the time of a
     * large report compressing; the fastest makes the file about a fifth larger.
     */
    private static final class FastZipWorkbook extends SXSSFWorkbook {
        FastZipWorkbook() {
            super(null, WINDOW, false, false);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    private static final class Styles {
        final CellStyle plain;
        final CellStyle title;
        final CellStyle bold;
        final CellStyle header;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle date;
        final CellStyle timestamp;

        Styles(SXSSFWorkbook workbook) {
            var formats = workbook.createDataFormat();
            plain = workbook.getCellStyleAt(0);
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setWrapText(true);
            integer = workbook.createCellStyle();
            integer.setDataFormat(formats.getFormat("#,##0"));
            decimal = workbook.createCellStyle();
            decimal.setDataFormat(formats.getFormat("#,##0.00"));
            date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            timestamp = workbook.createCellStyle();
            timestamp.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
        }
    }
}
