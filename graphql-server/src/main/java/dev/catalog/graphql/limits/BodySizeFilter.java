package dev.catalog.graphql.limits;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.LimitCode;
import dev.catalog.graphql.media.MultipartForms;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a GraphQL request body larger than {@link HttpLimits#maxBodyBytes()} with 413 before anything
 * parses it: at once from {@code Content-Length}, else (chunked bodies) after reading one byte past the
 * limit. The connection is then closed, after reading and dropping at most 16 MiB more so that the client
 * reads the answer rather than a reset. An accepted body is kept in
 * memory (it is small) and handed on. A JSON array (a batch of operations, which this service does not
 * offer) is refused with 400 and BATCHING_NOT_SUPPORTED.
 *
 * <p>A multipart request (a file upload) is not kept in memory: one that declares more than
 * {@link UploadLimits#maxRequestBytes} is refused the same way, and the servlet's multipart limits stop the reading
 * of one that does not declare its length.
 */
public class BodySizeFilter extends OncePerRequestFilter {

    /** How much of a refused body is read and dropped before the connection is closed. */
    static final int DISCARDED_AT_MOST = 16 * 1024 * 1024;

    private final long maxBytes;
    private final long maxMultipartBytes;

    public BodySizeFilter(HttpLimits limits, UploadLimits uploads) {
        this.maxBytes = limits.maxBodyBytes().toBytes();
        this.maxMultipartBytes = uploads.maxRequestBytes(maxBytes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (MultipartForms.is(request.getContentType())) {
            if (declared > maxMultipartBytes) {
                tooLarge(request, response, maxMultipartBytes);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (declared > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        byte[] body = declared >= 0 ? request.getInputStream().readNBytes((int) declared)
                : readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        if (isJsonArray(body)) {
            refuse(response, HttpStatus.BAD_REQUEST, LimitCode.BATCHING_NOT_SUPPORTED,
                    "Batched operations (a JSON array body) are not supported; send one operation per request.");
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        // Closing tells Tomcat not to read (swallow) the rest of the body to keep the connection alive.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        refuse(response, HttpStatus.CONTENT_TOO_LARGE, LimitCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.");
        response.flushBuffer();
        discardRest(request.getInputStream());
    }

    /**
     * A lingering close: a socket closed with unread bytes is reset, and a client still sending its body then
     * loses the 413 already sent to it (it sees the connection reset instead). Up to {@value #DISCARDED_AT_MOST}
     * bytes of the rest are read and dropped first; a larger body is cut off.
     */
    private static void discardRest(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        try {
            int n;
            while (discarded < DISCARDED_AT_MOST && (n = in.read(buffer)) != -1) {
                discarded += n;
            }
        } catch (IOException clientGone) {
            // Nothing more to do: the answer was sent.
        }
    }

    private void refuse(HttpServletResponse response, HttpStatus status, LimitCode code, String message)
            throws IOException {
        ErrorBodies.write(response, status.value(), code.name(), message);
    }

    /** A chunked body (no Content-Length): read until its end or one byte past the limit. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean isJsonArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '[';
            }
        }
        return false;
    }

    /** The request with its body already read into memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already in memory; read it directly.");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
