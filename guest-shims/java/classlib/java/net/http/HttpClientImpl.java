package java.net.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Sends each request through the host's http-send import (one call per redirect hop for NORMAL). */
final class HttpClientImpl extends HttpClient {
    private final Redirect redirect;
    private final Duration connectTimeout;
    private final Version version;

    private HttpClientImpl(ClientBuilder b) {
        redirect = b.redirect;
        connectTimeout = b.connectTimeout;
        version = b.version;
    }

    static final class ClientBuilder implements Builder {
        Redirect redirect = Redirect.NEVER;
        Duration connectTimeout;
        Version version = Version.HTTP_2;

        public Builder followRedirects(Redirect policy) {
            if (policy == null) throw new NullPointerException();
            redirect = policy;
            return this;
        }
        public Builder connectTimeout(Duration duration) {
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("Invalid duration: " + duration);
            connectTimeout = duration;
            return this;
        }
        public Builder version(Version version) {
            if (version == null) throw new NullPointerException();
            this.version = version;
            return this;
        }
        public Builder executor(Executor executor) { return this; }
        public Builder priority(int priority) {
            if (priority < 1 || priority > 256) throw new IllegalArgumentException("priority must be between 1 and 256");
            return this;
        }
        public HttpClient build() { return new HttpClientImpl(this); }
    }

    public Optional<Duration> connectTimeout() { return Optional.ofNullable(connectTimeout); }
    public Redirect followRedirects() { return redirect; }
    public Version version() { return version; }

    /**
     * method, url, flattened request headers, body, whether the host follows redirects and the
     * timeout in ms (0: none) in; {meta, body} out, where meta is {status, final url, name1,
     * value1, ...}. A refused or failed request throws ConnectException / HttpTimeoutException
     * with the host's message.
     */
    private static native Object[] send0(String method, String url, String[] headers, byte[] body, boolean follow, long timeoutMs) throws IOException;

    /** As the JDK's default jdk.httpclient.redirects.retrylimit. */
    private static final int MAX_REDIRECTS = 5;

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        List<String> flat = new ArrayList<>();
        boolean userAgent = false;
        for (Map.Entry<String, List<String>> e : request.headers().map().entrySet()) {
            if (e.getKey().equalsIgnoreCase("user-agent")) userAgent = true;
            for (String v : e.getValue()) {
                flat.add(e.getKey());
                flat.add(v);
            }
        }
        if (!userAgent) {
            flat.add("User-Agent");
            flat.add("Java-http-client/" + System.getProperty("java.version"));
        }
        // The request timeout, with the connect timeout added (the host cannot time the
        // connection apart); a connect timeout alone is not applied: the JDK would then wait
        // for the answer without limit (the function's time still caps it).
        long timeoutMs = request.timeout().map(t -> t.toMillis() + (connectTimeout == null ? 0 : connectTimeout.toMillis())).orElse(0L);
        String method = request.method();
        byte[] body = request.bodyPublisher().map(HttpRequest::bytesOf).orElse(new byte[0]);
        URI target = request.uri();
        // ALWAYS: the host follows (checking every hop). NORMAL never follows https -> http, a
        // rule the host does not know: the hops are followed here, each one a host call that
        // checks the destination. NEVER: the 3xx is the answer.
        boolean hostFollows = redirect == Redirect.ALWAYS;
        for (int redirects = 0; ; redirects++) {
            Object[] answer = send0(method, target.toString(), flat.toArray(new String[0]), body, hostFollows, timeoutMs);
            String[] meta = (String[]) answer[0];
            byte[] bytes = (byte[]) answer[1];
            int status = Integer.parseInt(meta[0]);
            Map<String, List<String>> headerMap = new LinkedHashMap<>();
            for (int i = 2; i + 1 < meta.length; i += 2) headerMap.computeIfAbsent(meta[i], k -> new ArrayList<>()).add(meta[i + 1]);
            HttpHeaders headers = HttpHeaders.of(headerMap, (k, v) -> true);
            URI uri = URI.create(meta[1]);
            URI next = redirect == Redirect.NORMAL ? redirectTarget(status, headers, uri) : null;
            if (next == null) {
                HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
                    public int statusCode() { return status; }
                    public HttpHeaders headers() { return headers; }
                    public Version version() { return Version.HTTP_1_1; }
                };
                T value = handler.apply(info).convert(bytes);
                return new Response<>(status, request, headers, value, uri);
            }
            if (redirects == MAX_REDIRECTS) throw new IOException("too many redirects");
            // As the JDK: 303, and 301/302 after POST, continue as a GET without a body.
            if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                method = "GET";
                body = new byte[0];
            }
            // As the host does when it follows: credentials never go to another origin.
            if (!sameOrigin(target, next)) {
                for (int i = flat.size() - 2; i >= 0; i -= 2) {
                    String name = flat.get(i);
                    if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("cookie")) {
                        flat.remove(i + 1);
                        flat.remove(i);
                    }
                }
            }
            target = next;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** Where a NORMAL redirect goes, or null when the response is the answer. */
    private static URI redirectTarget(int status, HttpHeaders headers, URI from) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) return null;
        Optional<String> location = headers.firstValue("location");
        if (!location.isPresent()) return null;
        URI to = from.resolve(location.get());
        String scheme = to.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equalsIgnoreCase("http")) return null;
        return to;
    }

    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> f = new CompletableFuture<>();
        try {
            f.complete(send(request, handler));
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
        return f;
    }

    private static final class Response<T> implements HttpResponse<T> {
        private final int status;
        private final HttpRequest request;
        private final HttpHeaders headers;
        private final T body;
        private final URI uri;

        Response(int status, HttpRequest request, HttpHeaders headers, T body, URI uri) {
            this.status = status;
            this.request = request;
            this.headers = headers;
            this.body = body;
            this.uri = uri;
        }

        public int statusCode() { return status; }
        public HttpRequest request() { return request; }
        public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
        public HttpHeaders headers() { return headers; }
        public T body() { return body; }
        public Optional<javax.net.ssl.SSLSession> sslSession() { return Optional.empty(); }
        public URI uri() { return uri; }
        public Version version() { return Version.HTTP_1_1; }
        public String toString() { return "(" + request.method() + " " + uri + ") " + status; }
    }
}
