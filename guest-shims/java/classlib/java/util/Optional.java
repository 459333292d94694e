package java.util;

import java.util.function.*;

public final class Optional<T> {
    private static final Optional<?> EMPTY = new Optional<>(null);
    private final T value;

    private Optional(T value) { this.value = value; }
    @SuppressWarnings("unchecked")
    public static <T> Optional<T> empty() { return (Optional<T>) EMPTY; }
    public static <T> Optional<T> of(T value) { return new Optional<>(Objects.requireNonNull(value)); }
    public static <T> Optional<T> ofNullable(T value) { return value == null ? empty() : new Optional<>(value); }
    public T get() { if (value == null) throw new NoSuchElementException("No value present"); return value; }
    public T orElseThrow() { return get(); }
    public <X extends Throwable> T orElseThrow(Supplier<? extends X> s) throws X { if (value == null) throw s.get(); return value; }
    public boolean isPresent() { return value != null; }
    public boolean isEmpty() { return value == null; }
    public void ifPresent(Consumer<? super T> action) { if (value != null) action.accept(value); }
    public void ifPresentOrElse(Consumer<? super T> action, Runnable empty) { if (value != null) action.accept(value); else empty.run(); }
    public Optional<T> filter(Predicate<? super T> p) { return value == null || p.test(value) ? this : empty(); }
    public <U> Optional<U> map(Function<? super T, ? extends U> f) { return value == null ? empty() : Optional.ofNullable(f.apply(value)); }
    @SuppressWarnings("unchecked")
    public <U> Optional<U> flatMap(Function<? super T, ? extends Optional<? extends U>> f) { return value == null ? empty() : Objects.requireNonNull((Optional<U>) f.apply(value)); }
    @SuppressWarnings("unchecked")
    public Optional<T> or(Supplier<? extends Optional<? extends T>> s) { return value != null ? this : Objects.requireNonNull((Optional<T>) s.get()); }
    public T orElse(T other) { return value != null ? value : other; }
    public T orElseGet(Supplier<? extends T> s) { return value != null ? value : s.get(); }
    public boolean equals(Object o) { return this == o || (o instanceof Optional && Objects.equals(value, ((Optional<?>) o).value)); }
    public int hashCode() { return Objects.hashCode(value); }
    public String toString() { return value != null ? "Optional[" + value + "]" : "Optional.empty"; }
}
