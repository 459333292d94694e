package java.lang;

public final class Integer extends Number implements Comparable<Integer> {
    public static final int MIN_VALUE = 0x80000000;
    public static final int MAX_VALUE = 0x7fffffff;
    public static final int SIZE = 32;
    public static final int BYTES = 4;
    public static final Class<Integer> TYPE = null;
    private final int value;

    private static class IntegerCache {
        static final Integer[] cache = new Integer[256];
        static { for (int i = 0; i < 256; i++) cache[i] = new Integer(i - 128); }
    }

    @Deprecated
    public Integer(int value) { this.value = value; }
    public static Integer valueOf(int i) {
        if (i >= -128 && i <= 127) return IntegerCache.cache[i + 128];
        return new Integer(i);
    }
    public static Integer valueOf(String s) { return valueOf(parseInt(s, 10)); }
    public static Integer valueOf(String s, int radix) { return valueOf(parseInt(s, radix)); }
    public static native String toString(int i);
    public static String toString(int i, int radix) { return Long.toString(i, radix); }
    public static String toHexString(int i) { return Long.toUnsignedString0(i & 0xffffffffL, 4); }
    public static String toBinaryString(int i) { return Long.toUnsignedString0(i & 0xffffffffL, 1); }
    public static String toOctalString(int i) { return Long.toUnsignedString0(i & 0xffffffffL, 3); }
    public static int parseInt(String s) { return parseInt(s, 10); }
    public static int parseInt(String s, int radix) {
        if (s == null) throw new NumberFormatException("Cannot parse null string: null");
        long v = Long.parse(s, radix, true);
        if (v < MIN_VALUE || v > MAX_VALUE)
            throw new NumberFormatException("For input string: \"" + s + "\"" + (radix == 10 ? "" : " under radix " + radix));
        return (int) v;
    }
    public static int parseUnsignedInt(String s) { return (int) Long.parseLong(s); }
    public static int compare(int a, int b) { return a < b ? -1 : (a == b ? 0 : 1); }
    public static int signum(int i) { return (i >> 31) | (-i >>> 31); }
    public static int hashCode(int v) { return v; }
    public static int sum(int a, int b) { return a + b; }
    public static int max(int a, int b) { return Math.max(a, b); }
    public static int min(int a, int b) { return Math.min(a, b); }
    public static int bitCount(int i) { int c = 0; while (i != 0) { c += i & 1; i >>>= 1; } return c; }
    public static int reverse(int i) { int r = 0; for (int k = 0; k < 32; k++) { r = (r << 1) | (i & 1); i >>>= 1; } return r; }
    public static int highestOneBit(int i) { return i & (MIN_VALUE >>> numberOfLeadingZeros(i)); }
    public static int lowestOneBit(int i) { return i & -i; }
    public static int numberOfLeadingZeros(int i) { if (i == 0) return 32; int n = 0; while ((i & MIN_VALUE) == 0) { n++; i <<= 1; } return n; }
    public static int numberOfTrailingZeros(int i) { if (i == 0) return 32; int n = 0; while ((i & 1) == 0) { n++; i >>>= 1; } return n; }
    public static int rotateLeft(int i, int d) { return (i << d) | (i >>> -d); }
    public static int rotateRight(int i, int d) { return (i >>> d) | (i << -d); }
    public int intValue() { return value; }
    public long longValue() { return value; }
    public float floatValue() { return value; }
    public double doubleValue() { return value; }
    public byte byteValue() { return (byte) value; }
    public short shortValue() { return (short) value; }
    public int hashCode() { return value; }
    public boolean equals(Object o) { return o instanceof Integer && ((Integer) o).value == value; }
    public String toString() { return toString(value); }
    public int compareTo(Integer o) { return compare(value, o.value); }
}
