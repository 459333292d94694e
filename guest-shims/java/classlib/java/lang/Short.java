package java.lang;

public final class Short extends Number implements Comparable<Short> {
    public static final short MIN_VALUE = (short)(-(1 << (16 - 1)));
    public static final short MAX_VALUE = (short)((1 << (16 - 1)) - 1);
    public static final int SIZE = 16;
    private final short value;

    private static class Cache {
        static final Short[] cache = new Short[256];
        static { for (int i = 0; i < 256; i++) cache[i] = new Short((short)(i - 128)); }
    }

    @Deprecated
    public Short(short value) { this.value = value; }
    public static Short valueOf(short v) {
        if (v >= -128 && v <= 127) return Cache.cache[v + 128];
        return new Short(v);
    }
    public static short parseShort(String s) { return parseShort(s, 10); }
    public static short parseShort(String s, int radix) {
        int i = Integer.parseInt(s, radix);
        if (i < MIN_VALUE || i > MAX_VALUE)
            throw new NumberFormatException("Value out of range. Value:\"" + s + "\" Radix:" + radix);
        return (short) i;
    }
    public static Short valueOf(String s) { return valueOf(parseShort(s)); }
    public static String toString(short v) { return Integer.toString(v); }
    public static int compare(short a, short b) { return a - b; }
    public static int hashCode(short v) { return v; }
    public static int toUnsignedInt(short v) { return v & ((1 << 16) - 1); }
    public int intValue() { return value; }
    public long longValue() { return value; }
    public float floatValue() { return value; }
    public double doubleValue() { return value; }
    public int hashCode() { return value; }
    public boolean equals(Object o) { return o instanceof Short && ((Short) o).value == value; }
    public String toString() { return Integer.toString(value); }
    public int compareTo(Short o) { return compare(value, o.value); }
}
