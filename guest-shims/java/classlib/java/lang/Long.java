package java.lang;

public final class Long extends Number implements Comparable<Long> {
    public static final long MIN_VALUE = 0x8000000000000000L;
    public static final long MAX_VALUE = 0x7fffffffffffffffL;
    public static final int SIZE = 64;
    public static final int BYTES = 8;
    private final long value;

    private static class LongCache {
        static final Long[] cache = new Long[256];
        static { for (int i = 0; i < 256; i++) cache[i] = new Long(i - 128); }
    }

    @Deprecated
    public Long(long value) { this.value = value; }
    public static Long valueOf(long l) {
        if (l >= -128 && l <= 127) return LongCache.cache[(int) l + 128];
        return new Long(l);
    }
    public static Long valueOf(String s) { return valueOf(parseLong(s)); }
    public static native String toString(long l);
    public static String toString(long l, int radix) {
        if (radix < 2 || radix > 36) radix = 10;
        if (radix == 10) return toString(l);
        if (l == 0) return "0";
        StringBuilder sb = new StringBuilder();
        boolean neg = l < 0;
        while (l != 0) { int d = (int) Math.abs(l % radix); sb.append(Character.forDigit(d, radix)); l /= radix; }
        if (neg) sb.append('-');
        return sb.reverse().toString();
    }
    static String toUnsignedString0(long v, int shift) {
        if (v == 0) return "0";
        StringBuilder sb = new StringBuilder();
        int mask = (1 << shift) - 1;
        while (v != 0) { sb.append(Character.forDigit((int) (v & mask), 1 << shift)); v >>>= shift; }
        return sb.reverse().toString();
    }
    public static String toUnsignedString(long i) {
        if (i >= 0) return toString(i);
        long quot = (i >>> 1) / 5;
        return toString(quot) + (i - quot * 10);
    }
    public static String toHexString(long l) { return toUnsignedString0(l, 4); }
    public static String toBinaryString(long l) { return toUnsignedString0(l, 1); }
    public static String toOctalString(long l) { return toUnsignedString0(l, 3); }
    public static long parseLong(String s) { return parseLong(s, 10); }
    public static long parseLong(String s, int radix) {
        if (s == null) throw new NumberFormatException("Cannot parse null string: null");
        return parse(s, radix, false);
    }
    /** Parses digits with an optional sign; narrow callers check the int range themselves. */
    static long parse(String s, int radix, boolean forInt) {
        int n = s.length();
        if (n == 0) throw new NumberFormatException("For input string: \"\"" + (radix == 10 ? "" : " under radix " + radix));
        int i = 0;
        boolean neg = false;
        char c0 = s.charAt(0);
        if (c0 == '-' || c0 == '+') { neg = c0 == '-'; i = 1; if (n == 1) throw nfe(s, radix); }
        long limit = neg ? MIN_VALUE : -MAX_VALUE;
        long result = 0;
        long multmin = limit / radix;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0 || result < multmin) throw nfe(s, radix);
            result *= radix;
            if (result < limit + d) throw nfe(s, radix);
            result -= d;
        }
        return neg ? result : -result;
    }
    private static NumberFormatException nfe(String s, int radix) {
        return new NumberFormatException("For input string: \"" + s + "\"" + (radix == 10 ? "" : " under radix " + radix));
    }
    public static int compare(long a, long b) { return a < b ? -1 : (a == b ? 0 : 1); }
    public static int signum(long i) { return (int) ((i >> 63) | (-i >>> 63)); }
    public static int hashCode(long v) { return (int) (v ^ (v >>> 32)); }
    public static long sum(long a, long b) { return a + b; }
    public static long max(long a, long b) { return Math.max(a, b); }
    public static long min(long a, long b) { return Math.min(a, b); }
    public static int numberOfTrailingZeros(long i) { if (i == 0) return 64; int n = 0; while ((i & 1) == 0) { n++; i >>>= 1; } return n; }
    public static int numberOfLeadingZeros(long i) { if (i == 0) return 64; int n = 0; while (i > 0) { n++; i <<= 1; } return n; }
    public static int bitCount(long i) { int c = 0; while (i != 0) { c += (int) (i & 1); i >>>= 1; } return c; }
    public int intValue() { return (int) value; }
    public long longValue() { return value; }
    public float floatValue() { return value; }
    public double doubleValue() { return value; }
    public int hashCode() { return hashCode(value); }
    public boolean equals(Object o) { return o instanceof Long && ((Long) o).value == value; }
    public String toString() { return toString(value); }
    public int compareTo(Long o) { return compare(value, o.value); }
}
