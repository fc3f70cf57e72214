package ai.healthflow.platform.response;

import ai.healthflow.platform.error.InvalidParameter;

import java.util.Map;

/**
 * The pagination and sorting convention of every list: {@code ?page=1&size=20&sort=field,asc|desc}. Pages count
 * from 1; size is 1 to 100. A sort field is accepted only when the resource lists it, and it is translated to a
 * fixed SQL expression, so client text never reaches SQL.
 */
public record PageRequest(int page, int size, Sort sort) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public record Sort(String field, boolean ascending) {
        @Override
        public String toString() {
            return field + "," + (ascending ? "asc" : "desc");
        }
    }

    public PageRequest {
        if (page < 1) {
            throw new InvalidParameter("page", "must be 1 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidParameter("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    /**
     * Reads the raw query values; {@code null} means absent.
     *
     * @throws InvalidParameter (400) for a non-numeric or out-of-range page or size, or a sort that is not
     *                            {@code field} or {@code field,asc|desc}
     */
    public static PageRequest parse(String page, String size, String sort) {
        int p = QueryValues.integer("page", page, 1);
        int s = QueryValues.integer("size", size, DEFAULT_SIZE);
        return new PageRequest(p, s, parseSort(sort));
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    /**
     * The ORDER BY expression for this request.
     *
     * @param columns  sortable API field name → SQL expression
     * @param fallback the expression used when the client asked for no sort (should make the order total)
     */
    public String orderBy(Map<String, String> columns, String fallback) {
        if (sort == null) {
            return fallback;
        }
        String column = columns.get(sort.field());
        if (column == null) {
            throw new InvalidParameter("sort", "cannot sort by '" + sort.field() + "'; sortable fields: "
                    + columns.keySet().stream().sorted().toList());
        }
        return column + (sort.ascending() ? " ASC" : " DESC") + ", " + fallback;
    }

    private static Sort parseSort(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        String[] parts = sort.split(",", -1);
        if (parts.length > 2 || !parts[0].matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
            throw new InvalidParameter("sort", "must be 'field' or 'field,asc' or 'field,desc'");
        }
        String direction = parts.length == 2 ? parts[1].strip().toLowerCase() : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidParameter("sort", "direction must be asc or desc");
        }
        return new Sort(parts[0], direction.equals("asc"));
    }
}
