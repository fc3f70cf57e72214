package ai.healthflow.platform.http;

import ai.healthflow.platform.error.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a {@link Problem} from servlet filters and the Jetty error handler, outside Jersey. */
public final class ProblemWriter {
    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    public byte[] toBytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
