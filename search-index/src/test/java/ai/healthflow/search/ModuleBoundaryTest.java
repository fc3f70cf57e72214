package ai.healthflow.search;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** search-index stays a pure Lucene library: no HTTP, no SQL, no Dropwizard, nothing from the service. */
class ModuleBoundaryTest {
    static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.dropwizard|jakarta\\.ws|javax\\.ws|java\\.sql|javax\\.sql|org\\.jdbi|org\\.springframework|ai\\.healthflow\\.(?!search))",
            Pattern.MULTILINE);

    @Test
    void mainSourcesImportNoServiceOrDatabaseCode() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> FORBIDDEN.matcher(read(f)).find())
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
