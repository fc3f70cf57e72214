package ai.healthflow.medicine.importing;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;

/** The file cannot be read as the format its Content-Type announced, or its header is wrong. */
public final class ImportFileUnreadable extends ApiException {
    public ImportFileUnreadable(String detail) {
        super(422, "import-file-invalid", "Import file invalid", detail);
    }

    public ImportFileUnreadable(String detail, List<FieldError> errors) {
        super(422, "import-file-invalid", "Import file invalid", detail, errors);
    }
}
