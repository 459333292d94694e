package java.util;

public final class OptionalLong {
    private static final OptionalLong EMPTY = new OptionalLong(false, 0);
    private final boolean isPresent;
    private final long value;

    private OptionalLong(boolean isPresent, long value) {
        this.isPresent = isPresent;
        this.value = value;
    }

    public static OptionalLong empty() { return EMPTY; }
    public static OptionalLong of(long value) { return new OptionalLong(true, value); }
    public long getAsLong() {
        if (!isPresent) throw new NoSuchElementException("No value present");
        return value;
    }
    public boolean isPresent() { return isPresent; }
    public boolean isEmpty() { return !isPresent; }
    public long orElse(long other) { return isPresent ? value : other; }
    public void ifPresent(java.util.function.LongConsumer action) { if (isPresent) action.accept(value); }
    public boolean equals(Object obj) {
        if (!(obj instanceof OptionalLong)) return false;
        OptionalLong o = (OptionalLong) obj;
        return isPresent && o.isPresent ? value == o.value : isPresent == o.isPresent;
    }
    public int hashCode() { return isPresent ? Long.hashCode(value) : 0; }
    public String toString() { return isPresent ? "OptionalLong[" + value + "]" : "OptionalLong.empty"; }
}
