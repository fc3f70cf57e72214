package ai.healthflow.search.medicine;

import ai.healthflow.search.analysis.TextNormalizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Equivalent names (INN, BAN, USAN, common names; Arabic variants): one group per line, comma-separated, '#'
 * starts a comment. A query naming one member also looks for the others, so "acetaminophen" finds paracetamol.
 */
public final class Synonyms {
    public static final String RESOURCE = "/ai/healthflow/search/synonyms.txt";
    private final Map<String, Set<String>> groups;

    private Synonyms(Map<String, Set<String>> groups) {
        this.groups = groups;
    }

    public static Synonyms none() {
        return new Synonyms(Map.of());
    }

    /** The list shipped with this library (a build without it is broken, not merely less helpful). */
    public static Synonyms bundled() {
        try (InputStream in = Synonyms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The synonym list " + RESOURCE + " is missing from the build");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Synonyms parse(InputStream in) throws IOException {
        Map<String, Set<String>> groups = new HashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Set<String> members = new LinkedHashSet<>();
                for (String name : line.replace("=>", ",").split(",")) {
                    String normalized = TextNormalizer.normalize(name).strip().replaceAll("\\s+", " ");
                    if (!normalized.isEmpty()) {
                        members.add(normalized);
                    }
                }
                for (String member : members) {
                    groups.computeIfAbsent(member, k -> new LinkedHashSet<>()).addAll(members);
                }
            }
        }
        groups.forEach((member, all) -> all.remove(member));
        return new Synonyms(Map.copyOf(groups));
    }

    /** The other names of {@code normalizedName} (already {@link TextNormalizer normalised}); empty if none. */
    public List<String> of(String normalizedName) {
        Set<String> others = groups.get(normalizedName);
        return others == null ? List.of() : List.copyOf(others);
    }
}
