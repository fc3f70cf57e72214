package ai.healthflow.search.medicine;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts, over every match of a query, how many documents have each value of some keyword fields. */
final class Facets {
    private Facets() {
    }

    /** Collects, per segment, how many matches have each value of {@code fields}; reduce merges them. */
    static CollectorManager<Counter, Map<String, Map<String, Integer>>> manager(String... fields) {
        return new CollectorManager<>() {
            @Override
            public Counter newCollector() {
                return new Counter(fields);
            }

            @Override
            public Map<String, Map<String, Integer>> reduce(Collection<Counter> counters) {
                Map<String, Map<String, Integer>> total = new HashMap<>();
                for (Counter counter : counters) {
                    counter.counts.forEach((field, values) -> values.forEach((value, n) ->
                            total.computeIfAbsent(field, f -> new HashMap<>()).merge(value, n, Integer::sum)));
                }
                return total;
            }
        };
    }

    /** Most frequent first, under the API's field names. */
    static Map<String, Map<String, Integer>> sorted(Map<String, Map<String, Integer>> merged, String... fields) {
        Map<String, Map<String, Integer>> sorted = new LinkedHashMap<>();
        for (String field : fields) {
            Map<String, Integer> values = merged.getOrDefault(field, Map.of());
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(values.entrySet());
            entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> ordered = new LinkedHashMap<>();
            entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
            sorted.put(publicName(field), ordered);
        }
        return sorted;
    }

    private static String publicName(String field) {
        return switch (field) {
            case MedicineIndex.FORM -> "dosageForm";
            case MedicineIndex.MAKER -> "manufacturer";
            default -> field;
        };
    }

    static final class Counter implements Collector {
        private final String[] fields;
        final Map<String, Map<String, Integer>> counts = new HashMap<>();

        Counter(String[] fields) {
            this.fields = fields;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedDocValues[] values = new SortedDocValues[fields.length];
            int[][] ordinals = new int[fields.length][];
            for (int i = 0; i < fields.length; i++) {
                values[i] = DocValues.getSorted(context.reader(), fields[i]);
                ordinals[i] = new int[Math.max(0, values[i].getValueCount())];
            }
            // counts per ordinal while collecting (no strings per document); turned into values once per segment
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < fields.length; i++) {
                        if (values[i].advanceExact(doc)) {
                            ordinals[i][values[i].ordValue()]++;
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < fields.length; i++) {
                        SortedDocValues lookup = DocValues.getSorted(context.reader(), fields[i]);
                        for (int ord = 0; ord < ordinals[i].length; ord++) {
                            if (ordinals[i][ord] > 0) {
                                counts.computeIfAbsent(fields[i], f -> new HashMap<>())
                                        .merge(lookup.lookupOrd(ord).utf8ToString(), ordinals[i][ord], Integer::sum);
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
