package java.lang;

public abstract class Enum<E extends Enum<E>> implements Comparable<E>, java.io.Serializable {
    private final String name;
    private final int ordinal;

    protected Enum(String name, int ordinal) { this.name = name; this.ordinal = ordinal; }
    public final String name() { return name; }
    public final int ordinal() { return ordinal; }
    public String toString() { return name; }
    public final boolean equals(Object o) { return this == o; }
    public final int hashCode() { return super.hashCode(); }
    public final int compareTo(E o) {
        Enum<?> other = (Enum<?>) o;
        if (other.getDeclaringClass() != getDeclaringClass()) throw new ClassCastException();
        return ordinal - other.ordinal;
    }
    @SuppressWarnings("unchecked")
    public final Class<E> getDeclaringClass() {
        Class<?> c = getClass();
        Class<?> s = c.getSuperclass();
        return (Class<E>) (s == Enum.class ? c : s);
    }
    public static <T extends Enum<T>> T valueOf(Class<T> type, String name) {
        if (name == null) throw new NullPointerException("Name is null");
        for (T c : type.getEnumConstants()) if (c.name().equals(name)) return c;
        throw new IllegalArgumentException("No enum constant " + type.getCanonicalName() + "." + name);
    }
}
