package java.util.concurrent;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A future in a single-threaded runtime: "async" work runs at once on the caller's thread, so a
 * future is complete when it is returned unless the program completes it later by hand.
 * Dependent stages run when their source completes, as the JDK's do.
 */
public class CompletableFuture<T> implements Future<T>, CompletionStage<T> {
    private boolean done;
    private T value;
    /** Always a CompletionException (or CancellationException) once set, as in the JDK. */
    private Throwable failure;
    private java.util.ArrayList<Runnable> dependents;

    public CompletableFuture() { }

    public static <U> CompletableFuture<U> completedFuture(U value) {
        CompletableFuture<U> f = new CompletableFuture<>();
        f.complete(value);
        return f;
    }

    public static <U> CompletableFuture<U> failedFuture(Throwable ex) {
        CompletableFuture<U> f = new CompletableFuture<>();
        f.completeExceptionally(ex);
        return f;
    }

    public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier) {
        CompletableFuture<U> f = new CompletableFuture<>();
        try {
            f.complete(supplier.get());
        } catch (Throwable t) {
            f.fail(t);
        }
        return f;
    }
    public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier, Executor executor) { return supplyAsync(supplier); }

    public static CompletableFuture<Void> runAsync(Runnable runnable) {
        return supplyAsync(() -> { runnable.run(); return null; });
    }
    public static CompletableFuture<Void> runAsync(Runnable runnable, Executor executor) { return runAsync(runnable); }

    public static CompletableFuture<Void> allOf(CompletableFuture<?>... cfs) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        int[] left = {cfs.length};
        if (cfs.length == 0) all.complete(null);
        for (CompletableFuture<?> cf : cfs) {
            cf.onDone(() -> {
                if (cf.failure != null) all.fail(cf.failure);
                else if (--left[0] == 0) all.complete(null);
            });
        }
        return all;
    }

    public static CompletableFuture<Object> anyOf(CompletableFuture<?>... cfs) {
        CompletableFuture<Object> any = new CompletableFuture<>();
        for (CompletableFuture<?> cf : cfs) {
            cf.onDone(() -> {
                if (cf.failure != null) any.fail(cf.failure);
                else any.complete(cf.value);
            });
        }
        return any;
    }

    private void onDone(Runnable r) {
        if (done) {
            r.run();
        } else {
            if (dependents == null) dependents = new java.util.ArrayList<>();
            dependents.add(r);
        }
    }

    private boolean finish(T v, Throwable t) {
        if (done) return false;
        done = true;
        value = v;
        failure = t;
        if (dependents != null) {
            java.util.ArrayList<Runnable> run = dependents;
            dependents = null;
            for (Runnable r : run) r.run();
        }
        return true;
    }

    /** The JDK's encodeThrowable: failures raised inside stages are stored wrapped. */
    private static Throwable wrap(Throwable t) {
        return t instanceof CompletionException ? t : new CompletionException(t);
    }

    private boolean fail(Throwable t) { return finish(null, wrap(t)); }

    public boolean complete(T value) { return finish(value, null); }

    /** Stored as given (not wrapped), as the JDK does. */
    public boolean completeExceptionally(Throwable ex) {
        if (ex == null) throw new NullPointerException();
        return finish(null, ex);
    }

    public boolean isDone() { return done; }
    public boolean isCompletedExceptionally() { return done && failure != null; }
    public boolean cancel(boolean mayInterruptIfRunning) { return finish(null, new CancellationException()); }
    public boolean isCancelled() { return failure instanceof CancellationException; }

    private void awaitDone() {
        if (!done) throw new IllegalStateException("this future is never completed: the lambdabox Java runtime is single-threaded");
    }

    public T join() {
        awaitDone();
        if (failure == null) return value;
        if (failure instanceof CancellationException) throw (CancellationException) failure;
        throw (CompletionException) wrap(failure);
    }

    public T get() throws InterruptedException, ExecutionException {
        awaitDone();
        if (failure == null) return value;
        if (failure instanceof CancellationException) throw (CancellationException) failure;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        throw new ExecutionException(cause);
    }

    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done) throw new TimeoutException();
        return get();
    }

    public T getNow(T valueIfAbsent) { return done ? join() : valueIfAbsent; }

    public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
        CompletableFuture<U> next = new CompletableFuture<>();
        onDone(() -> {
            if (failure != null) { next.fail(failure); return; }
            try { next.complete(fn.apply(value)); } catch (Throwable t) { next.fail(t); }
        });
        return next;
    }

    public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
        return thenApply(v -> { action.accept(v); return null; });
    }

    public CompletableFuture<Void> thenRun(Runnable action) {
        return thenApply(v -> { action.run(); return null; });
    }

    public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
        CompletableFuture<U> next = new CompletableFuture<>();
        onDone(() -> {
            if (failure != null) { next.fail(failure); return; }
            try {
                CompletableFuture<U> inner = fn.apply(value).toCompletableFuture();
                inner.onDone(() -> {
                    if (inner.failure != null) next.fail(inner.failure);
                    else next.complete(inner.value);
                });
            } catch (Throwable t) {
                next.fail(t);
            }
        });
        return next;
    }

    public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
        CompletableFuture<? extends U> o = other.toCompletableFuture();
        return thenCompose(a -> o.thenApply(b -> fn.apply(a, b)));
    }

    public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
        CompletableFuture<T> next = new CompletableFuture<>();
        onDone(() -> {
            if (failure == null) { next.complete(value); return; }
            try { next.complete(fn.apply(failure)); } catch (Throwable t) { next.fail(t); }
        });
        return next;
    }

    public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
        CompletableFuture<U> next = new CompletableFuture<>();
        onDone(() -> {
            try { next.complete(fn.apply(value, failure)); } catch (Throwable t) { next.fail(t); }
        });
        return next;
    }

    public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        CompletableFuture<T> next = new CompletableFuture<>();
        onDone(() -> {
            try {
                action.accept(value, failure);
            } catch (Throwable t) {
                if (failure == null) { next.fail(t); return; }
            }
            if (failure != null) next.fail(failure); else next.complete(value);
        });
        return next;
    }

    public CompletableFuture<T> toCompletableFuture() { return this; }

    public String toString() {
        String state = !done ? "[Incomplete]" : failure != null ? "[Completed exceptionally: " + failure + "]" : "[Completed normally]";
        return super.toString() + state;
    }
}
