package ai.healthflow.batch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 says (comma, CRLF, fields with a comma, quote or line break quoted, quotes doubled), in UTF-8 with
 * a byte-order mark so spreadsheet programs read Arabic, and safe to open: a text cell that starts with = + - @, a
 * tab or a carriage return would be run as a formula by a spreadsheet, so it gets a leading apostrophe (OWASP's
 * advice). Numbers, dates and booleans are typed and written as they are (a negative number stays a number).
 */
public final class CsvReportRenderer implements ReportRenderer {
    static final char BOM = '\uFEFF';

    @Override
    public long render(ReportContext context, RowSource rows, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<ReportColumn> columns = context.definition().columns();
        writer.write(BOM);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(textField(columns.get(i).header().in(context.language())));
        }
        writer.write("\r\n");
        ReportLanguage language = context.language();
        long count = rows.forEach(values -> {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    writer.write(',');
                }
                ReportColumn column = columns.get(i);
                String text = DisplayText.forMachines(column, values[i], language);
                writer.write(column.type() == ColumnType.TEXT ? textField(text) : plainField(text));
            }
            writer.write("\r\n");
        });
        writer.flush();
        return count;
    }

    /** A text value as one CSV field: neutralised if it could start a formula, quoted if it needs to be. */
    static String textField(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return quoted("'" + value);
        }
        return plainField(value);
    }

    private static String plainField(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return quoted(value);
            }
        }
        return value;
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
