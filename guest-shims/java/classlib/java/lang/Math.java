package java.lang;

public final class Math {
    private Math() {}
    public static final double PI = 3.141592653589793;
    public static final double E = 2.718281828459045;
    public static native double sqrt(double a);
    public static native double cbrt(double a);
    public static native double sin(double a);
    public static native double cos(double a);
    public static native double tan(double a);
    public static native double asin(double a);
    public static native double acos(double a);
    public static native double atan(double a);
    public static native double exp(double a);
    public static native double log(double a);
    public static native double log10(double a);
    public static native double floor(double a);
    public static native double ceil(double a);
    public static native double rint(double a);
    public static native double pow(double a, double b);
    public static native double atan2(double y, double x);
    public static native double hypot(double x, double y);
    public static int abs(int a) { return a < 0 ? -a : a; }
    public static long abs(long a) { return a < 0 ? -a : a; }
    public static float abs(float a) { return a <= 0.0f ? 0.0f - a : a; }
    public static double abs(double a) { return a <= 0.0d ? 0.0d - a : a; }
    public static int max(int a, int b) { return a >= b ? a : b; }
    public static long max(long a, long b) { return a >= b ? a : b; }
    public static int min(int a, int b) { return a <= b ? a : b; }
    public static long min(long a, long b) { return a <= b ? a : b; }
    public static double max(double a, double b) {
        if (a != a) return a;
        if (a == 0.0d && b == 0.0d && Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(-0.0d)) return b;
        return a >= b ? a : b;
    }
    public static double min(double a, double b) {
        if (a != a) return a;
        if (a == 0.0d && b == 0.0d && Double.doubleToRawLongBits(b) == Double.doubleToRawLongBits(-0.0d)) return b;
        return a <= b ? a : b;
    }
    public static float max(float a, float b) { return (float) max((double) a, (double) b); }
    public static float min(float a, float b) { return (float) min((double) a, (double) b); }
    public static long round(double a) {
        double f = floor(a);
        return (long) (a - f >= 0.5d ? f + 1.0d : f);
    }
    public static int round(float a) {
        double f = floor(a);
        return (int) (a - f >= 0.5d ? f + 1.0d : f);
    }
    public static double signum(double d) { return (d == 0.0 || d != d) ? d : (d > 0 ? 1.0 : -1.0); }
    public static double toRadians(double deg) { return deg * 0.017453292519943295; }
    public static double toDegrees(double rad) { return rad * 57.29577951308232; }
    private static java.util.Random randomNumberGenerator;
    /** As the JDK: one shared unseeded java.util.Random (seeded from the sandbox's random source). */
    public static double random() {
        if (randomNumberGenerator == null) randomNumberGenerator = new java.util.Random();
        return randomNumberGenerator.nextDouble();
    }
    public static double nextUp(double d) {
        if (d != d || d == Double.POSITIVE_INFINITY) return d;
        d += 0.0d;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(d) + ((d >= 0.0d) ? +1L : -1L));
    }
    public static double nextDown(double d) {
        if (d != d || d == Double.NEGATIVE_INFINITY) return d;
        if (d == 0.0) return -Double.MIN_VALUE;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(d) + ((d > 0.0d) ? -1L : +1L));
    }
    public static int addExact(int x, int y) {
        int r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) throw new ArithmeticException("integer overflow");
        return r;
    }
    public static long addExact(long x, long y) {
        long r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) throw new ArithmeticException("long overflow");
        return r;
    }
    public static int multiplyExact(int x, int y) {
        long r = (long) x * (long) y;
        if ((int) r != r) throw new ArithmeticException("integer overflow");
        return (int) r;
    }
    public static long subtractExact(long x, long y) {
        long r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) throw new ArithmeticException("long overflow");
        return r;
    }
    public static long multiplyExact(long x, long y) {
        long r = x * y;
        long ax = Math.abs(x), ay = Math.abs(y);
        if (((ax | ay) >>> 31 != 0) && ((y != 0 && r / y != x) || (x == Long.MIN_VALUE && y == -1))) throw new ArithmeticException("long overflow");
        return r;
    }
    public static long multiplyExact(long x, int y) { return multiplyExact(x, (long) y); }
    public static int subtractExact(int x, int y) {
        int r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) throw new ArithmeticException("integer overflow");
        return r;
    }
    public static int toIntExact(long v) {
        if ((int) v != v) throw new ArithmeticException("integer overflow");
        return (int) v;
    }
    public static int floorDiv(int x, int y) { int q = x / y; if ((x ^ y) < 0 && q * y != x) q--; return q; }
    public static int floorMod(int x, int y) { return x - floorDiv(x, y) * y; }
    public static long floorDiv(long x, long y) { long q = x / y; if ((x ^ y) < 0 && q * y != x) q--; return q; }
    public static long floorMod(long x, long y) { return x - floorDiv(x, y) * y; }
    public static long floorDiv(long x, int y) { return floorDiv(x, (long) y); }
    public static int floorMod(long x, int y) { return (int) floorMod(x, (long) y); }
}
