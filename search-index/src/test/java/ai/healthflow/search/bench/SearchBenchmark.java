package ai.healthflow.search.bench;

import ai.healthflow.search.medicine.MedicineDocument;
import ai.healthflow.search.medicine.MedicineIndex;
import ai.healthflow.search.medicine.MedicineQuery;
import ai.healthflow.search.medicine.Synonyms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Index build rate, search and suggest latency (p50/p99) and throughput on 1 and 2 threads, index size and heap,
 * over N synthetic bilingual medicines with a realistic query mix. Run with bench/search.sh [N].
 */
public final class SearchBenchmark {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path dir = Files.createTempDirectory("search-bench");
        List<MedicineDocument> medicines = SyntheticMedicines.generate(count, 42);

        long t0 = System.nanoTime();
        try (MedicineIndex index = MedicineIndex.open(dir, Synonyms.bundled())) {
            for (MedicineDocument m : medicines) {
                index.upsert(m);
            }
            index.commit(String.valueOf(count));
            index.refresh();
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("medicines: %,d%nindex build: %.1f s (%,.0f docs/s)%n", count, buildSeconds, count / buildSeconds);
            System.out.printf("index size: %.1f MB%n", size(dir) / 1e6);

            List<String> mix = queryMix(medicines, queries, new Random(7));
            List<String> prefixes = mix.stream().map(q -> q.length() > 4 ? q.substring(0, 4) : q).toList();
            for (int threads : new int[]{1, 2}) {
                run("search", threads, mix, q -> index.search(new MedicineQuery(q, null, null, null, null, 20, 0)));
                run("suggest", threads, prefixes, q -> index.suggest(q, 10));
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used after the run: %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    interface Work {
        void run(String query) throws IOException;
    }

    static final String[] KINDS = {"exact English", "Arabic variant", "typo", "prefix", "generic", "name + strength"};

    /** Exact names in both scripts, Arabic hamza variants, typos, prefixes, generics, name + strength. */
    static List<String> queryMix(List<MedicineDocument> medicines, int n, Random random) {
        List<String> mix = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MedicineDocument m = medicines.get(random.nextInt(medicines.size()));
            String en = m.tradeNameEn().toLowerCase();
            mix.add(switch (i % KINDS.length) {
                case 0 -> en;
                case 1 -> m.tradeNameAr().replaceFirst("ا", "أ");
                case 2 -> en.length() > 5 ? en.substring(0, 2) + en.charAt(3) + en.charAt(2) + en.substring(4) : en;
                case 3 -> en.substring(0, Math.min(4, en.length()));
                case 4 -> m.ingredientsEn().getFirst();
                default -> en + " " + m.strength();
            });
        }
        return mix;
    }

    static void run(String what, int threads, List<String> queries, Work work) throws Exception {
        for (int i = 0; i < Math.min(2_000, queries.size()); i++) { // warm-up
            work.run(queries.get(i));
        }
        long[] latencies = new long[queries.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                for (int i = offset; i < queries.size(); i += threads) {
                    long q0 = System.nanoTime();
                    work.run(queries.get(i));
                    latencies[i] = System.nanoTime() - q0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("%-8s %d thread(s): p50 %.2f ms  p99 %.2f ms  %,.0f queries/s%n", what, threads,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                queries.size() / seconds);
        if (what.equals("search") && threads == 1) {
            for (int kind = 0; kind < KINDS.length; kind++) {
                List<Long> ofKind = new ArrayList<>();
                for (int i = kind; i < latencies.length; i += KINDS.length) {
                    ofKind.add(latencies[i]);
                }
                ofKind.sort(null);
                System.out.printf("    %-18s p50 %.2f ms  p99 %.2f ms%n", KINDS[kind],
                        ofKind.get(ofKind.size() / 2) / 1e6, ofKind.get((int) (ofKind.size() * 0.99)) / 1e6);
            }
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
