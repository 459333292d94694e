package java.lang;

public final class Byte extends Number implements Comparable<Byte> {
    public static final byte MIN_VALUE = (byte)(-(1 << (8 - 1)));
    public static final byte MAX_VALUE = (byte)((1 << (8 - 1)) - 1);
    public static final int SIZE = 8;
    private final byte value;

    private static class Cache {
        static final Byte[] cache = new Byte[256];
        static { for (int i = 0; i < 256; i++) cache[i] = new Byte((byte)(i - 128)); }
    }

    @Deprecated
    public Byte(byte value) { this.value = value; }
    public static Byte valueOf(byte v) {
        if (v >= -128 && v <= 127) return Cache.cache[v + 128];
        return new Byte(v);
    }
    public static byte parseByte(String s) { return parseByte(s, 10); }
    public static byte parseByte(String s, int radix) {
        int i = Integer.parseInt(s, radix);
        if (i < MIN_VALUE || i > MAX_VALUE)
            throw new NumberFormatException("Value out of range. Value:\"" + s + "\" Radix:" + radix);
        return (byte) i;
    }
    public static Byte valueOf(String s) { return valueOf(parseByte(s)); }
    public static String toString(byte v) { return Integer.toString(v); }
    public static int compare(byte a, byte b) { return a - b; }
    public static int hashCode(byte v) { return v; }
    public static int toUnsignedInt(byte v) { return v & ((1 << 8) - 1); }
    public int intValue() { return value; }
    public long longValue() { return value; }
    public float floatValue() { return value; }
    public double doubleValue() { return value; }
    public int hashCode() { return value; }
    public boolean equals(Object o) { return o instanceof Byte && ((Byte) o).value == value; }
    public String toString() { return Integer.toString(value); }
    public int compareTo(Byte o) { return compare(value, o.value); }
}
