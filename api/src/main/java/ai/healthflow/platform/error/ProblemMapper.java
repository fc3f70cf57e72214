package ai.healthflow.platform.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place where exceptions become HTTP answers: every failure leaves as {@code application/problem+json}.
 * Client mistakes are described precisely (field and reason); anything unexpected is logged with the request id
 * and answered with a generic 500 that carries no exception or SQL text.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    /**
     * Jersey's bean-validation module registers its own {@code ExceptionMapper<ValidationException>}, which would win
     * over a Throwable mapper by specificity; this one is more specific still and hands over to the same mapping.
     */
    public static final class ForValidation implements ExceptionMapper<jakarta.validation.ValidationException> {
        @Context
        private UriInfo uriInfo;

        @Override
        public Response toResponse(jakarta.validation.ValidationException exception) {
            var mapper = new ProblemMapper();
            mapper.uriInfo = uriInfo;
            return mapper.toResponse(exception);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        Problem problem = toProblem(exception);
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (exception instanceof ApiException api) {
            api.headers().forEach(response::header);
        }
        if (exception instanceof WebApplicationException wae) {
            // keep what the protocol needs, such as Allow on 405 and WWW-Authenticate on 401
            for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, "Retry-After")) {
                Object value = wae.getResponse().getHeaders().getFirst(header);
                if (value != null) {
                    response.header(header, value);
                }
            }
        }
        return response.build();
    }

    Problem toProblem(Throwable exception) {
        String instance = uriInfo == null ? null : "/" + uriInfo.getPath();
        if (exception instanceof ApiException api) {
            return Problems.of(api.status(), api.slug(), api.title(), api.detail(), instance, api.errors(),
                    api.extensions());
        }
        if (exception instanceof JerseyViolationException violations) {
            return fromViolations(violations, instance);
        }
        RequestBodyTooLarge tooLarge = findCause(exception, RequestBodyTooLarge.class);
        if (tooLarge != null) {
            return Problems.forStatus(413, "The request body is larger than " + tooLarge.limitBytes() + " bytes.", instance);
        }
        if (isConnectionFailure(exception)) {
            LOG.warn("Database unreachable: {}", exception.toString());
            return Problems.of(503, "unavailable", "Service unavailable",
                    "The database is not reachable right now; retry shortly.", instance);
        }
        JsonProcessingException json = findCause(exception, JsonProcessingException.class);
        if (json instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonParseException parse) {
            json = parse; // malformed JSON inside a list or object field arrives wrapped with the field's path
        }
        if (json != null && isReadingFailure(json)) {
            return fromJson(json, instance);
        }
        if (exception instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status >= 500) {
                LOG.error("Request failed with {}", status, exception);
            }
            return Problems.forStatus(status, null, instance);
        }
        LOG.error("Unexpected failure", exception);
        return Problems.forStatus(500, null, instance);
    }

    /**
     * Only failures to read the request body are the client's fault; a failure to write a response
     * (InvalidDefinitionException, JsonGenerationException) is ours and becomes a logged 500.
     */
    private static boolean isReadingFailure(JsonProcessingException exception) {
        return exception instanceof JsonParseException
                || exception instanceof MismatchedInputException
                || exception instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException;
    }

    private static Problem fromJson(JsonProcessingException exception, String instance) {
        if (exception instanceof JsonParseException parse) {
            var location = parse.getLocation();
            return Problems.of(400, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").",
                    instance);
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problems.of(400, "unknown-field", "Unknown field",
                    "The field '" + field + "' is not accepted here.", instance,
                    List.of(new FieldError(field, "unknown or read-only field")));
        }
        if (exception instanceof InvalidFormatException || exception instanceof MismatchedInputException) {
            var mismatch = (MismatchedInputException) exception;
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            if (field.isEmpty()) {
                return Problems.of(400, "malformed-json", "Malformed JSON",
                        "The body does not have the expected shape (expected " + expected + ").", instance);
            }
            return Problems.of(400, "invalid-field-type", "Invalid field type",
                    "The field '" + field + "' must be " + expected + ".", instance,
                    List.of(new FieldError(field, "must be " + expected)));
        }
        JsonMappingException mapping = (JsonMappingException) exception; // ValueInstantiationException
        String field = path(mapping);
        return Problems.of(400, "invalid-field-value", "Invalid field value",
                field.isEmpty() ? "The body could not be read." : "The field '" + field + "' has an invalid value.",
                instance, field.isEmpty() ? List.of() : List.of(new FieldError(field, "invalid value")));
    }

    private static String describe(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (type.isEnum()) return "one of " + List.of(type.getEnumConstants()).toString().toLowerCase();
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) return "an array";
        if (type.getName().startsWith("java.time.")) return "an ISO-8601 " + type.getSimpleName() + " value";
        if (type == java.util.UUID.class) return "a UUID";
        return "an object";
    }

    private static String path(JsonMappingException exception) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference ref : exception.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Bean Validation failures: 422 when the body is wrong, 400 when a query or path parameter is, each violation
     * named by its field (JSON path in the body, parameter name otherwise).
     */
    private static Problem fromViolations(JerseyViolationException exception, String instance) {
        Invocable invocable = exception.getInvocable();
        boolean parameterProblem = false;
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            FieldName name = fieldName(violation, invocable);
            parameterProblem |= name.parameter();
            errors.add(new FieldError(name.name(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        if (parameterProblem) {
            return Problems.of(400, "invalid-parameter", "Invalid parameter",
                    "Some query or path parameters are invalid; see errors.", instance, errors);
        }
        return Problems.of(422, "validation-failed", "Validation failed",
                "Some fields are invalid; see errors.", instance, errors);
    }

    private record FieldName(String name, boolean parameter) {
    }

    private static FieldName fieldName(ConstraintViolation<?> violation, Invocable invocable) {
        List<String> segments = new ArrayList<>();
        boolean parameter = false;
        boolean sawEntity = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                Parameter param = invocable == null ? null : invocable.getParameters().get(index);
                if (param != null && isRequestParameter(param.getSource())) {
                    parameter = true;
                    segments.add(param.getSourceName());
                } else if (param != null && param.getSource() == Parameter.Source.BEAN_PARAM) {
                    parameter = true; // the bean's property nodes that follow name the query parameter
                } else {
                    sawEntity = true;
                }
                continue;
            }
            // Hibernate Validator puts a list index (or map key) on the node *inside* the container:
            // items[0].name arrives as "items", then "name" with index 0.
            if (node.isInIterable() && !segments.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    int last = segments.size() - 1;
                    segments.set(last, segments.get(last) + "[" + position + "]");
                }
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                segments.add(name);
            }
        }
        String name = String.join(".", segments);
        if (name.isEmpty()) {
            name = sawEntity ? "body" : "request";
        }
        return new FieldName(name, parameter);
    }

    /** Connection refused, pool exhausted or a PostgreSQL connection-class error (SQLSTATE 08…, 57P…). */
    private static boolean isConnectionFailure(Throwable exception) {
        for (Throwable t : causes(exception)) {
            if (t instanceof org.jdbi.v3.core.ConnectionException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.apache.tomcat.jdbc.pool.PoolExhaustedException")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRequestParameter(Parameter.Source source) {
        return switch (source) {
            case PATH, QUERY, HEADER, COOKIE, FORM, MATRIX -> true;
            default -> false;
        };
    }

    private static <T extends Throwable> T findCause(Throwable exception, Class<T> type) {
        for (Throwable t : causes(exception)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The exception and its causes, at most 20 deep (a cyclic chain must not spin a request thread). */
    private static List<Throwable> causes(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = exception; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
