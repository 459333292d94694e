package java.net.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

public interface HttpResponse<T> {
    int statusCode();
    HttpRequest request();
    Optional<HttpResponse<T>> previousResponse();
    HttpHeaders headers();
    T body();
    Optional<javax.net.ssl.SSLSession> sslSession();
    URI uri();
    HttpClient.Version version();

    interface ResponseInfo {
        int statusCode();
        HttpHeaders headers();
        HttpClient.Version version();
    }

    @FunctionalInterface
    interface BodyHandler<T> {
        BodySubscriber<T> apply(ResponseInfo responseInfo);
    }

    /**
     * Turns the whole response body into the handler's value. (The JDK's is a reactive
     * Flow.Subscriber; here the host hands over the complete body at once.)
     */
    interface BodySubscriber<T> {
        T convert(byte[] body);
    }

    class BodyHandlers {
        private BodyHandlers() { }
        public static BodyHandler<String> ofString() {
            return info -> BodySubscribers.ofString(charsetOf(info.headers()));
        }
        public static BodyHandler<String> ofString(Charset charset) { return info -> BodySubscribers.ofString(charset); }
        public static BodyHandler<byte[]> ofByteArray() { return info -> BodySubscribers.ofByteArray(); }
        public static BodyHandler<InputStream> ofInputStream() { return info -> BodySubscribers.ofInputStream(); }
        public static BodyHandler<Void> discarding() { return info -> BodySubscribers.discarding(); }
        public static <U> BodyHandler<U> replacing(U value) { return info -> BodySubscribers.replacing(value); }
        public static BodyHandler<java.nio.file.Path> ofFile(java.nio.file.Path file) {
            return info -> body -> {
                try {
                    java.nio.file.Files.write(file, body);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return file;
            };
        }

        /** The charset parameter of Content-Type, UTF-8 when absent (as the JDK). */
        private static Charset charsetOf(HttpHeaders headers) {
            String type = headers.firstValue("Content-Type").orElse("");
            int at = type.toLowerCase().indexOf("charset=");
            if (at < 0) return StandardCharsets.UTF_8;
            String name = type.substring(at + 8);
            int end = name.indexOf(';');
            if (end >= 0) name = name.substring(0, end);
            name = name.trim();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) name = name.substring(1, name.length() - 1);
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }

    class BodySubscribers {
        private BodySubscribers() { }
        public static BodySubscriber<String> ofString(Charset charset) { return body -> new String(body, charset); }
        public static BodySubscriber<byte[]> ofByteArray() { return body -> body; }
        public static BodySubscriber<InputStream> ofInputStream() { return ByteArrayInputStream::new; }
        public static BodySubscriber<Void> discarding() { return body -> null; }
        public static <U> BodySubscriber<U> replacing(U value) { return body -> value; }
        public static <T, U> BodySubscriber<U> mapping(BodySubscriber<T> upstream, Function<? super T, ? extends U> mapper) {
            return body -> mapper.apply(upstream.convert(body));
        }
    }
}
