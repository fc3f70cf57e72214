package ai.healthflow.platform.http;

import ai.healthflow.platform.error.Problems;
import ai.healthflow.platform.error.RequestBodyTooLarge;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses bodies larger than {@code http.maxRequestBody} with 413: at once when Content-Length says so, and while
 * reading for chunked bodies (the stream throws {@link RequestBodyTooLarge}, which the problem mapper turns into 413).
 */
public final class BodySizeLimitFilter implements Filter {
    private final long limitBytes;
    private final Map<String, Long> uploadLimits;
    private final ProblemWriter problems;

    /** @param uploadLimits larger limits for file-upload paths (exact path → bytes) */
    public BodySizeLimitFilter(long limitBytes, Map<String, Long> uploadLimits, ProblemWriter problems) {
        this.limitBytes = limitBytes;
        this.uploadLimits = Map.copyOf(uploadLimits);
        this.problems = problems;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        long limitBytes = uploadLimits.getOrDefault(request.getRequestURI(), this.limitBytes);
        if (request.getContentLengthLong() > limitBytes) {
            problems.write((HttpServletResponse) res, Problems.forStatus(413,
                    "The request body is " + request.getContentLengthLong() + " bytes; at most " + limitBytes
                            + " bytes are accepted.", request.getRequestURI()));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), res);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limitBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limitBytes);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limitBytes;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limitBytes) {
            this.delegate = delegate;
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLarge {
            read += n;
            if (read > limitBytes) {
                throw new RequestBodyTooLarge(limitBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
