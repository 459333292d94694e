package java.lang;

public final class StrictMath {
    private StrictMath() {}
    public static double sqrt(double a) { return Math.sqrt(a); }
    /** fdlibm's algorithm, bit for bit (natives/fdlibm.rs). */
    public static native double log(double a);
    public static double exp(double a) { return Math.exp(a); }
    public static double pow(double a, double b) { return Math.pow(a, b); }
    public static double floor(double a) { return Math.floor(a); }
    public static double ceil(double a) { return Math.ceil(a); }
    public static int abs(int a) { return Math.abs(a); }
    public static double abs(double a) { return Math.abs(a); }
    public static int max(int a, int b) { return Math.max(a, b); }
    public static int min(int a, int b) { return Math.min(a, b); }
}
