package java.net.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The JDK's HTTP client API. Requests are performed by the lambdabox host (the sandbox has no
 * sockets), which checks every destination against the function's allowed outbound hosts.
 */
public abstract class HttpClient implements AutoCloseable {
    protected HttpClient() { }

    public enum Redirect { NEVER, ALWAYS, NORMAL }
    public enum Version { HTTP_1_1, HTTP_2 }

    public interface Builder {
        Builder followRedirects(Redirect policy);
        Builder connectTimeout(Duration duration);
        Builder version(Version version);
        Builder executor(Executor executor);
        Builder priority(int priority);
        HttpClient build();
    }

    public static HttpClient newHttpClient() { return newBuilder().build(); }
    public static Builder newBuilder() { return new HttpClientImpl.ClientBuilder(); }

    public abstract Optional<Duration> connectTimeout();
    public abstract Redirect followRedirects();
    public abstract Version version();
    public Optional<Executor> executor() { return Optional.empty(); }

    public abstract <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
        throws IOException, InterruptedException;

    public abstract <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler);

    public void close() { }
    public void shutdown() { }
    public boolean isTerminated() { return false; }
}
