package ai.healthflow.platform.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One page of a list, with what a client needs to fetch the next one. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return total == 0 ? 0 : (total + request.size() - 1) / request.size();
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), request, total);
    }

    Map<String, Object> meta() {
        var meta = new LinkedHashMap<String, Object>();
        meta.put("page", request.page());
        meta.put("size", request.size());
        meta.put("total", total);
        meta.put("totalPages", totalPages());
        if (request.sort() != null) {
            meta.put("sort", request.sort().toString());
        }
        return meta;
    }
}
