package ai.healthflow.batch.report;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every report definition, loaded once at start and validated: the ones packaged with the service
 * ({@code reports-templates/definitions/*.yml} on the class path) and, optionally, those in an extra directory. A
 * bad file stops the start with {@link InvalidReportDefinition} naming the file and the field.
 */
public final class ReportCatalog {
    /** Where the packaged definitions live on the class path (the reports-templates folder is a resource root). */
    public static final String PACKAGED = "reports-templates/definitions/";

    private final Map<String, ReportDefinition> definitions;

    private ReportCatalog(Map<String, ReportDefinition> definitions) {
        this.definitions = definitions;
    }

    /** The packaged definitions. */
    public static ReportCatalog load() {
        return load(null);
    }

    /**
     * The packaged definitions plus those in {@code extraDirectory} (null for none); an id defined twice is an error.
     *
     * @throws InvalidReportDefinition listing every problem of every file
     */
    public static ReportCatalog load(Path extraDirectory) {
        Map<String, String> files = new LinkedHashMap<>(); // location → content
        try {
            Resource[] packaged = new PathMatchingResourcePatternResolver(ReportCatalog.class.getClassLoader())
                    .getResources("classpath*:" + PACKAGED + "*.yml");
            for (Resource resource : packaged) {
                files.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
            if (extraDirectory != null) {
                try (Stream<Path> list = Files.list(extraDirectory)) {
                    for (Path file : list.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                        String name = file.getFileName().toString();
                        String key = files.containsKey(name) ? file.toString() : name;
                        files.put(key, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the report definitions", e);
        }
        return fromSources(files);
    }

    /** Definitions from file name → YAML text (for tests and tools). */
    public static ReportCatalog fromSources(Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        Map<String, ReportDefinition> definitions = new LinkedHashMap<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String file = Path.of(entry.getKey()).getFileName().toString();
            ReportDefinition definition = ReportDefinitionParser.parse(file, entry.getValue(), problems);
            if (definition == null) {
                return;
            }
            ReportDefinition earlier = definitions.putIfAbsent(definition.id(), definition);
            if (earlier != null) {
                problems.add(entry.getKey() + ": id: '" + definition.id() + "' is already defined by " + earlier.source());
            }
        });
        if (problems.isEmpty() && definitions.isEmpty()) {
            problems.add(PACKAGED + ": no report definitions found (is reports-templates packaged as a resource?)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportDefinition(problems);
        }
        return new ReportCatalog(definitions);
    }

    public Optional<ReportDefinition> find(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    /** Every definition, by id. */
    public Collection<ReportDefinition> all() {
        return definitions.values().stream().sorted(Comparator.comparing(ReportDefinition::id)).toList();
    }
}
