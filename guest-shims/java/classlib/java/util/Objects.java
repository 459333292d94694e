package java.util;

import java.util.function.Supplier;

public final class Objects {
    private Objects() {}
    public static boolean equals(Object a, Object b) { return (a == b) || (a != null && a.equals(b)); }
    public static int hashCode(Object o) { return o != null ? o.hashCode() : 0; }
    public static int hash(Object... values) { return Arrays.hashCode(values); }
    public static String toString(Object o) { return String.valueOf(o); }
    public static String toString(Object o, String nullDefault) { return o != null ? o.toString() : nullDefault; }
    public static boolean isNull(Object o) { return o == null; }
    public static boolean nonNull(Object o) { return o != null; }
    public static <T> T requireNonNull(T o) { if (o == null) throw new NullPointerException(); return o; }
    public static <T> T requireNonNull(T o, String message) { if (o == null) throw new NullPointerException(message); return o; }
    public static <T> T requireNonNull(T o, Supplier<String> message) { if (o == null) throw new NullPointerException(message == null ? null : message.get()); return o; }
    public static <T> T requireNonNullElse(T o, T def) { return o != null ? o : requireNonNull(def, "defaultObj"); }
    public static <T> T requireNonNullElseGet(T o, Supplier<? extends T> s) { return o != null ? o : requireNonNull(s.get(), "supplier.get()"); }
    public static <T> int compare(T a, T b, Comparator<? super T> c) { return a == b ? 0 : c.compare(a, b); }
    public static int checkIndex(int index, int length) {
        if (index < 0 || index >= length) throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
        return index;
    }
}
