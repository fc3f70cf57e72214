package ai.healthflow.batch.safety;

import ai.healthflow.batch.report.ReportLanguage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The monthly safety summaries on disk, under HEALTHFLOW_HOME/reports/safety-summaries: one PDF per month and
 * language, {@code safety-summary-2026-10-en.pdf} (rows per ingredient, the scheduled default) or
 * {@code safety-summary-2026-10-medicine-en.pdf} (rows per medicine). The file names are the index: the job writes
 * them (a rerun replaces the month's file), the service lists and serves them.
 */
public final class SafetySummaryFiles {
    public static final String DIRECTORY = "safety-summaries";
    private static final Pattern NAME = Pattern.compile("safety-summary-(\\d{4}-\\d{2})(-medicine)?-(en|ar)\\.pdf");

    /** One summary file; {@code generatedAt} is when it was written. */
    public record Summary(YearMonth month, Grouping grouping, ReportLanguage language, Path file, long sizeBytes,
                          Instant generatedAt) {
    }

    private final Path directory;

    /** @param reportsDirectory HEALTHFLOW_HOME/reports; the summaries live in its {@value #DIRECTORY} folder */
    public SafetySummaryFiles(Path reportsDirectory) {
        this.directory = reportsDirectory.resolve(DIRECTORY);
    }

    public Path file(YearMonth month, Grouping grouping, ReportLanguage language) {
        return directory.resolve("safety-summary-" + month + (grouping == Grouping.MEDICINE ? "-medicine" : "")
                + "-" + language.code() + ".pdf");
    }

    public Optional<Summary> find(YearMonth month, Grouping grouping, ReportLanguage language) {
        return read(file(month, grouping, language));
    }

    /** Every summary written, newest month first (then by ingredient before by medicine, English before Arabic). */
    public List<Summary> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Summary> summaries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                read(file).ifPresent(summaries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
        summaries.sort(Comparator.comparing(Summary::month).reversed()
                .thenComparing(Summary::grouping).thenComparing(Summary::language));
        return summaries;
    }

    /** The summary a file holds, or empty when it is not one (a temporary file, another name) or is gone. */
    private static Optional<Summary> read(Path file) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Summary(YearMonth.parse(name.group(1)),
                    name.group(2) == null ? Grouping.INGREDIENT : Grouping.MEDICINE,
                    ReportLanguage.parse(name.group(3)).orElseThrow(), file, attributes.size(),
                    attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException | DateTimeParseException e) { // gone meanwhile, or a month such as 2026-13
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
