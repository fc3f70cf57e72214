package ai.healthflow.platform.http;

import ai.healthflow.platform.error.Problem;
import ai.healthflow.platform.error.Problems;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Errors Jetty answers itself (malformed requests, oversized headers, anything that never reaches Jersey) are
 * problem+json too, never Jetty's HTML page or a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ProblemWriter writer;

    public ProblemErrorHandler(ProblemWriter writer) {
        this.writer = writer;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        // requests Jetty rejects never reached the request-id filter, so they get their id here
        Object known = request.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = known != null ? known.toString()
                : RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        Problem generic = Problems.forStatus(code, null, request.getHttpURI().getPath());
        Problem problem = new Problem(generic.type(), generic.title(), generic.status(), generic.detail(),
                generic.instance(), requestId, List.of());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(writer.toBytes(problem)), callback);
        return true;
    }
}
