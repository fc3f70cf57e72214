package ai.healthflow.platform.response;

import java.util.Map;

/**
 * The success envelope of every API answer: {@code {"success": true, "data": …, "meta": {…}}}. Lists carry the
 * pagination in {@code meta}; single objects an empty {@code meta}.
 */
public record ApiResponse<T>(boolean success, T data, Map<String, Object> meta) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data, Map.of());
    }

    public static <T> ApiResponse<java.util.List<T>> of(Page<T> page) {
        return new ApiResponse<>(true, page.items(), page.meta());
    }
}
