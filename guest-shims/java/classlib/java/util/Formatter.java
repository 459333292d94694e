package java.util;

/** printf-style formatting for the common conversions: %s %S %d %x %X %o %f %e %b %c %n %%, with flags -,0+( and width/precision. */
public final class Formatter {
    private final StringBuilder out = new StringBuilder();

    public Formatter() {}
    public String toString() { return out.toString(); }

    public Formatter format(String fmt, Object... args) {
        int argIndex = 0;
        int i = 0, n = fmt.length();
        while (i < n) {
            char ch = fmt.charAt(i);
            if (ch != '%') { out.append(ch); i++; continue; }
            int start = i++;
            int explicit = -1;
            int j = i;
            while (j < n && Character.isDigit(fmt.charAt(j))) j++;
            if (j < n && j > i && fmt.charAt(j) == '$') { explicit = Integer.parseInt(fmt.substring(i, j)) - 1; i = j + 1; }
            String flags = "";
            while (i < n && "-#+ 0,(".indexOf(fmt.charAt(i)) >= 0) flags += fmt.charAt(i++);
            int width = -1;
            j = i;
            while (j < n && Character.isDigit(fmt.charAt(j))) j++;
            if (j > i) { width = Integer.parseInt(fmt.substring(i, j)); i = j; }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                j = ++i;
                while (j < n && Character.isDigit(fmt.charAt(j))) j++;
                precision = Integer.parseInt(fmt.substring(i, j));
                i = j;
            }
            if (i >= n) throw new UnknownFormatConversionException("%");
            char conv = fmt.charAt(i++);
            if (conv == 'n') { out.append('\n'); continue; }
            if (conv == '%') { pad("%", flags, width); continue; }
            Object arg;
            if (explicit >= 0) arg = args[explicit];
            else {
                if (args == null || argIndex >= args.length) throw new MissingFormatArgumentException("Format specifier '" + fmt.substring(start, i) + "'");
                arg = args[argIndex++];
            }
            String s;
            switch (conv) {
                case 's': case 'S': s = String.valueOf(arg); if (precision >= 0 && precision < s.length()) s = s.substring(0, precision); break;
                case 'b': case 'B': s = arg == null ? "false" : (arg instanceof Boolean ? arg.toString() : "true"); break;
                case 'c': case 'C': s = arg == null ? "null" : String.valueOf(arg instanceof Integer ? (char) ((Integer) arg).intValue() : (Character) arg); break;
                case 'd': s = integral(arg, flags, conv); break;
                case 'x': case 'X': case 'o': s = radix(arg, conv == 'o' ? 8 : 16); break;
                case 'f': s = fixed(toDouble(arg, conv), precision < 0 ? 6 : precision, flags); break;
                case 'e': case 'E': s = sci(toDouble(arg, conv), precision < 0 ? 6 : precision); break;
                case 'h': case 'H': s = arg == null ? "null" : Integer.toHexString(arg.hashCode()); break;
                default: throw new UnknownFormatConversionException(String.valueOf(conv));
            }
            if (Character.isUpperCase(conv)) s = s.toUpperCase();
            pad(s, flags, width);
        }
        return this;
    }

    private void pad(String s, String flags, int width) {
        if (width <= s.length()) { out.append(s); return; }
        if (flags.indexOf('-') >= 0) { out.append(s); for (int k = s.length(); k < width; k++) out.append(' '); return; }
        if (flags.indexOf('0') >= 0) {
            int signLen = (s.startsWith("-") || s.startsWith("+")) ? 1 : 0;
            out.append(s, 0, signLen);
            for (int k = s.length(); k < width; k++) out.append('0');
            out.append(s.substring(signLen));
            return;
        }
        for (int k = s.length(); k < width; k++) out.append(' ');
        out.append(s);
    }

    private static String integral(Object arg, String flags, char conv) {
        if (arg == null) return "null";
        if (!(arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte))
            throw new IllegalFormatConversionException(conv, arg.getClass());
        long v = ((Number) arg).longValue();
        String digits = Long.toString(Math.abs(v));
        if (v == Long.MIN_VALUE) digits = "9223372036854775808";
        if (flags.indexOf(',') >= 0) digits = group(digits);
        String sign = v < 0 ? "-" : (flags.indexOf('+') >= 0 ? "+" : (flags.indexOf(' ') >= 0 ? " " : ""));
        if (v < 0 && flags.indexOf('(') >= 0) return "(" + digits + ")";
        return sign + digits;
    }

    private static String group(String digits) {
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % 3;
        if (first == 0) first = 3;
        sb.append(digits, 0, Math.min(first, digits.length()));
        for (int k = first; k < digits.length(); k += 3) sb.append(',').append(digits, k, k + 3);
        return sb.toString();
    }

    private static String radix(Object arg, int radix) {
        if (arg == null) return "null";
        if (arg instanceof Integer) return radix == 16 ? Integer.toHexString((Integer) arg) : Integer.toOctalString((Integer) arg);
        if (arg instanceof Long) return radix == 16 ? Long.toHexString((Long) arg) : Long.toOctalString((Long) arg);
        if (arg instanceof Byte) return Integer.toHexString(((Byte) arg) & 0xff);
        if (arg instanceof Short) return Integer.toHexString(((Short) arg) & 0xffff);
        throw new IllegalFormatConversionException('x', arg.getClass());
    }

    private static double toDouble(Object arg, char conv) {
        if (arg instanceof Double || arg instanceof Float) return ((Number) arg).doubleValue();
        throw new IllegalFormatConversionException(conv, arg == null ? Object.class : arg.getClass());
    }

    /** HALF_UP rounding of the exact decimal value, as java.util.Formatter does. */
    static String fixed(double d, int precision, String flags) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? (flags.indexOf('+') >= 0 ? "+Infinity" : "Infinity") : "-Infinity";
        String s = FormatterSupport.fixed(d, precision);
        if (flags.indexOf(',') >= 0) {
            boolean neg = s.startsWith("-");
            String body = neg ? s.substring(1) : s;
            int dot = body.indexOf('.');
            String ip = dot < 0 ? body : body.substring(0, dot);
            s = (neg ? "-" : "") + group(ip) + (dot < 0 ? "" : body.substring(dot));
        }
        if (flags.indexOf('+') >= 0 && !s.startsWith("-")) s = "+" + s;
        return s;
    }

    static String sci(double d, int precision) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return FormatterSupport.sci(d, precision);
    }
}
