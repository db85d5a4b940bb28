package io.dynamicmcp.transport.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A request whose body was read up front (to check its size and look inside), replayed to the servlet. */
final class BufferedRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final boolean complete;

    private BufferedRequest(HttpServletRequest request, byte[] body, boolean complete) {
        super(request);
        this.body = body;
        this.complete = complete;
    }

    /**
     * Reads the body of a request, at most {@code maxBytes}.
     *
     * @return the buffered request; when the body is larger than {@code maxBytes}, its first bytes only, and
     *     {@link #complete()} false
     */
    static BufferedRequest read(HttpServletRequest request, int maxBytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(Math.max(request.getContentLength(), 256), maxBytes));
        byte[] chunk = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (buffer.size() + n > maxBytes) {
                    buffer.write(chunk, 0, maxBytes - buffer.size());
                    return new BufferedRequest(request, buffer.toByteArray(), false);
                }
                buffer.write(chunk, 0, n);
            }
        }
        return new BufferedRequest(request, buffer.toByteArray(), true);
    }

    /** Whether {@link #body()} is the whole body: false when it was larger than the limit. */
    boolean complete() {
        return complete;
    }

    byte[] body() {
        return body;
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
                throw new UnsupportedOperationException("the body was read already; read it synchronously");
            }
        };
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }
}
