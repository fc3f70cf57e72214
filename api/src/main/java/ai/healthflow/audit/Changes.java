package ai.healthflow.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Builds the {@code changes} of an audit record: only the fields whose value differs, as {@code {from, to}}. */
public final class Changes {
    private Changes() {
    }

    public static Map<String, Object> between(Map<String, ?> before, Map<String, ?> after) {
        var keys = new TreeSet<String>();
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        var changes = new LinkedHashMap<String, Object>();
        for (String key : keys) {
            Object from = before.get(key);
            Object to = after.get(key);
            if (!Objects.equals(from, to)) {
                var change = new LinkedHashMap<String, Object>();
                change.put("from", from);
                change.put("to", to);
                changes.put(key, change);
            }
        }
        return changes;
    }

    /** The fields of something created, as {@code {to}} changes. */
    public static Map<String, Object> created(Map<String, ?> after) {
        return between(Map.of(), after);
    }
}
