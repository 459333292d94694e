package java.util;

/** Exact decimal rounding for %f and %e, done by the VM. */
final class FormatterSupport {
    private FormatterSupport() {}
    static native String fixed(double d, int precision);
    static native String sci(double d, int precision);
}
