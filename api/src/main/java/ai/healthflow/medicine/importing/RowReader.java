package ai.healthflow.medicine.importing;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Streams the rows of an import file without holding the file in memory. */
public interface RowReader {

    /**
     * Reads the header, hands it to {@code header}, then each data row to {@code rows}, in file order.
     *
     * @throws ImportFileUnreadable when the file is not valid CSV/XLSX
     */
    void read(Consumer<List<String>> header, Consumer<ImportRow> rows) throws IOException;
}
