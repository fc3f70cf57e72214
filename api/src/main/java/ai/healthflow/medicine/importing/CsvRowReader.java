package ai.healthflow.medicine.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/** RFC 4180 CSV in UTF-8, with or without a byte-order mark; quoted fields may hold commas, quotes and newlines. */
public final class CsvRowReader implements RowReader {
    private final InputStream in;

    public CsvRowReader(InputStream in) {
        this.in = in;
    }

    @Override
    public void read(Consumer<List<String>> header, Consumer<ImportRow> rows) throws IOException {
        // malformed UTF-8 is an error, not silently replaced: Arabic names must arrive intact
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var reader = new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(), decoder);
        var format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> columns = null;
            for (CSVRecord record : parser) {
                if (columns == null) {
                    columns = record.toList().stream().map(c -> c.strip().toLowerCase(java.util.Locale.ROOT)).toList();
                    header.accept(columns);
                    continue;
                }
                var values = new HashMap<String, String>();
                for (int i = 0; i < Math.min(columns.size(), record.size()); i++) {
                    values.put(columns.get(i), record.get(i));
                }
                // the record's starting line: a quoted field may span several physical lines
                rows.accept(new ImportRow((int) record.getRecordNumber(), values));
            }
            if (columns == null) {
                throw new ImportFileUnreadable("The file is empty: a header row is required.");
            }
        } catch (CharacterCodingException e) {
            throw new ImportFileUnreadable("The file is not valid UTF-8 text.");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new ImportFileUnreadable("The file is not valid UTF-8 text.");
            }
            throw new ImportFileUnreadable("The CSV cannot be parsed: " + e.getCause().getMessage());
        } catch (IllegalStateException e) {
            throw new ImportFileUnreadable("The CSV cannot be parsed (an unclosed quote?).");
        }
    }
}
