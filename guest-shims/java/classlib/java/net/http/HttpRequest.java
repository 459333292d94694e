package java.net.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public abstract class HttpRequest {
    protected HttpRequest() { }

    public interface Builder {
        Builder uri(URI uri);
        Builder expectContinue(boolean enable);
        Builder version(HttpClient.Version version);
        Builder header(String name, String value);
        Builder headers(String... headers);
        Builder timeout(Duration duration);
        Builder setHeader(String name, String value);
        Builder GET();
        Builder POST(BodyPublisher bodyPublisher);
        Builder PUT(BodyPublisher bodyPublisher);
        Builder DELETE();
        default Builder HEAD() { return method("HEAD", BodyPublishers.noBody()); }
        Builder method(String method, BodyPublisher bodyPublisher);
        HttpRequest build();
        Builder copy();
    }

    public static Builder newBuilder(URI uri) { return new RequestBuilder().uri(uri); }
    public static Builder newBuilder() { return new RequestBuilder(); }

    public abstract Optional<BodyPublisher> bodyPublisher();
    public abstract String method();
    public abstract Optional<Duration> timeout();
    public abstract boolean expectContinue();
    public abstract URI uri();
    public abstract Optional<HttpClient.Version> version();
    public abstract HttpHeaders headers();

    public final boolean equals(Object obj) {
        if (!(obj instanceof HttpRequest)) return false;
        HttpRequest that = (HttpRequest) obj;
        return that.method().equals(method()) && that.uri().equals(uri()) && that.headers().equals(headers());
    }
    public final int hashCode() { return method().hashCode() + uri().hashCode() + headers().hashCode(); }

    /** A request body: its bytes are produced when the request is sent. */
    public interface BodyPublisher {
        long contentLength();
    }

    /** The bytes of a publisher made by {@link BodyPublishers}. */
    static byte[] bytesOf(BodyPublisher publisher) {
        if (publisher instanceof BytesPublisher) return ((BytesPublisher) publisher).bytes();
        throw new UnsupportedOperationException("custom HttpRequest.BodyPublisher implementations are not supported yet by the lambdabox Java runtime; use HttpRequest.BodyPublishers");
    }

    static final class BytesPublisher implements BodyPublisher {
        private final byte[] bytes;
        private final java.nio.file.Path file;
        BytesPublisher(byte[] bytes) { this.bytes = bytes; this.file = null; }
        BytesPublisher(java.nio.file.Path file) { this.bytes = null; this.file = file; }
        byte[] bytes() {
            if (bytes != null) return bytes;
            try {
                return java.nio.file.Files.readAllBytes(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        public long contentLength() { return bytes != null ? bytes.length : file.toFile().length(); }
    }

    public static class BodyPublishers {
        private BodyPublishers() { }
        public static BodyPublisher ofString(String body) { return ofString(body, StandardCharsets.UTF_8); }
        public static BodyPublisher ofString(String s, Charset charset) { return new BytesPublisher(s.getBytes(charset)); }
        public static BodyPublisher ofByteArray(byte[] buf) { return new BytesPublisher(buf.clone()); }
        public static BodyPublisher ofByteArray(byte[] buf, int offset, int length) {
            byte[] copy = new byte[length];
            System.arraycopy(buf, offset, copy, 0, length);
            return new BytesPublisher(copy);
        }
        public static BodyPublisher ofFile(java.nio.file.Path path) throws java.io.FileNotFoundException {
            if (!java.nio.file.Files.exists(path)) throw new java.io.FileNotFoundException(path + " not found");
            return new BytesPublisher(path);
        }
        public static BodyPublisher noBody() { return new BytesPublisher(new byte[0]); }
    }

    private static final String[] RESTRICTED = {"connection", "content-length", "expect", "host", "upgrade"};

    private static void checkName(String name) {
        if (name == null) throw new NullPointerException();
        for (String r : RESTRICTED) {
            if (r.equalsIgnoreCase(name)) throw new IllegalArgumentException("restricted header name: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0)
                throw new IllegalArgumentException("invalid header name: \"" + name + "\"");
        }
        if (name.isEmpty()) throw new IllegalArgumentException("empty header name");
    }

    private static final class RequestBuilder implements Builder {
        private URI uri;
        private String method = "GET";
        private BodyPublisher body;
        private Duration timeout;
        private boolean expectContinue;
        private HttpClient.Version version;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();

        public Builder uri(URI uri) {
            if (uri == null) throw new NullPointerException();
            String scheme = uri.getScheme();
            if (scheme == null) throw new IllegalArgumentException("URI with undefined scheme");
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) throw new IllegalArgumentException("invalid URI scheme " + scheme);
            if (uri.getHost() == null) throw new IllegalArgumentException("unsupported URI " + uri);
            this.uri = uri;
            return this;
        }
        public Builder expectContinue(boolean enable) { expectContinue = enable; return this; }
        public Builder version(HttpClient.Version version) { this.version = version; return this; }
        public Builder header(String name, String value) {
            checkName(name);
            if (value == null) throw new NullPointerException();
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }
        public Builder headers(String... pairs) {
            if (pairs.length == 0 || pairs.length % 2 != 0) throw new IllegalArgumentException("wrong number, " + pairs.length + ", of parameters");
            for (int i = 0; i < pairs.length; i += 2) header(pairs[i], pairs[i + 1]);
            return this;
        }
        public Builder setHeader(String name, String value) {
            checkName(name);
            headers.remove(name);
            return header(name, value);
        }
        public Builder timeout(Duration duration) {
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("Invalid duration: " + duration);
            timeout = duration;
            return this;
        }
        public Builder GET() { return method0("GET", null); }
        public Builder POST(BodyPublisher p) { return method0("POST", p); }
        public Builder PUT(BodyPublisher p) { return method0("PUT", p); }
        public Builder DELETE() { return method0("DELETE", null); }
        public Builder method(String method, BodyPublisher p) {
            if (method.equals("CONNECT")) throw new IllegalArgumentException("method CONNECT is not supported");
            if (p == null) throw new NullPointerException();
            return method0(method, p);
        }
        private Builder method0(String m, BodyPublisher p) { method = m; body = p; return this; }
        public Builder copy() {
            RequestBuilder b = new RequestBuilder();
            b.uri = uri; b.method = method; b.body = body; b.timeout = timeout; b.expectContinue = expectContinue; b.version = version;
            for (Map.Entry<String, List<String>> e : headers.entrySet()) b.headers.put(e.getKey(), new ArrayList<>(e.getValue()));
            return b;
        }
        public HttpRequest build() {
            if (uri == null) throw new IllegalStateException("uri is null");
            return new Built(this);
        }
    }

    private static final class Built extends HttpRequest {
        private final URI uri;
        private final String method;
        private final BodyPublisher body;
        private final Duration timeout;
        private final boolean expectContinue;
        private final HttpClient.Version version;
        private final HttpHeaders headers;

        Built(RequestBuilder b) {
            uri = b.uri; method = b.method; body = b.body; timeout = b.timeout; expectContinue = b.expectContinue; version = b.version;
            headers = HttpHeaders.of(b.headers, (k, v) -> true);
        }
        public Optional<BodyPublisher> bodyPublisher() { return Optional.ofNullable(body); }
        public String method() { return method; }
        public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }
        public boolean expectContinue() { return expectContinue; }
        public URI uri() { return uri; }
        public Optional<HttpClient.Version> version() { return Optional.ofNullable(version); }
        public HttpHeaders headers() { return headers; }
        public String toString() { return uri + " " + method; }
    }
}
