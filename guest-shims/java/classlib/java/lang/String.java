package java.lang;

import java.util.ArrayList;
import java.util.List;

/** Strings are UTF-16 payloads held by the VM; the core operations are native. */
public final class String implements java.io.Serializable, Comparable<String>, CharSequence {
    public static final java.util.Comparator<String> CASE_INSENSITIVE_ORDER =
        (a, b) -> a.compareToIgnoreCase(b);

    public String() { initEmpty(); }
    public String(String original) { initCopy(original); }
    public String(char[] value, int offset, int count) { initChars(value, offset, count); }
    private native void initEmpty();
    private native void initCopy(String s);
    private native void initChars(char[] value, int offset, int count);
    public String(char[] value) { this(value, 0, value.length); }
    public String(byte[] bytes) { initUtf8(bytes, 0, bytes.length); }
    public String(byte[] bytes, int offset, int length) { initUtf8(bytes, offset, length); }
    public String(byte[] bytes, java.nio.charset.Charset cs) { this(bytes, 0, bytes.length, cs); }
    public String(byte[] bytes, int offset, int length, java.nio.charset.Charset cs) {
        if (cs.name().equals("ISO-8859-1") || cs.name().equals("US-ASCII")) initLatin1(bytes, offset, length);
        else initUtf8(bytes, offset, length);
    }
    public String(byte[] bytes, String charsetName) throws java.io.UnsupportedEncodingException {
        this(bytes, java.nio.charset.Charset.forName(charsetName));
    }
    public String(StringBuilder sb) { this(sb.toString()); }
    private native void initUtf8(byte[] b, int off, int len);
    private native void initLatin1(byte[] b, int off, int len);

    public native int length();
    public native char charAt(int index);
    public native boolean equals(Object o);
    public native int hashCode();
    public native int compareTo(String other);
    public native String substring(int begin, int end);
    public native int indexOf(String s, int from);
    public native int indexOf(int ch, int from);
    public native int lastIndexOf(String s, int from);
    public native String toUpperCase();
    public native String toLowerCase();
    public native String intern();
    public native char[] toCharArray();
    public native byte[] getBytes();
    private native byte[] getBytesUtf8();
    public native String concat(String s);

    public byte[] getBytes(java.nio.charset.Charset cs) {
        if (cs.name().equals("UTF-8")) return getBytesUtf8();
        byte[] b = new byte[length()];
        for (int i = 0; i < b.length; i++) { char c = charAt(i); b[i] = (byte) (c < 256 ? c : '?'); }
        return b;
    }
    public byte[] getBytes(String charsetName) throws java.io.UnsupportedEncodingException {
        return getBytes(java.nio.charset.Charset.forName(charsetName));
    }
    public boolean isEmpty() { return length() == 0; }
    public boolean isBlank() { return strip().isEmpty(); }
    public String substring(int begin) { return substring(begin, length()); }
    public CharSequence subSequence(int start, int end) { return substring(start, end); }
    public int indexOf(String s) { return indexOf(s, 0); }
    public int indexOf(int ch) { return indexOf(ch, 0); }
    public int lastIndexOf(String s) { return lastIndexOf(s, length()); }
    public int lastIndexOf(int ch) { return lastIndexOf(ch, length() - 1); }
    public int lastIndexOf(int ch, int from) {
        for (int i = Math.min(from, length() - 1); i >= 0; i--) if (charAt(i) == ch) return i;
        return -1;
    }
    public boolean contains(CharSequence s) { return indexOf(s.toString()) >= 0; }
    public boolean startsWith(String p, int off) {
        return off >= 0 && off + p.length() <= length() && substring(off, off + p.length()).equals(p);
    }
    public boolean startsWith(String p) { return startsWith(p, 0); }
    public boolean endsWith(String s) { return startsWith(s, length() - s.length()); }
    public boolean equalsIgnoreCase(String o) {
        if (o == null || o.length() != length()) return false;
        for (int i = 0; i < length(); i++) {
            char a = charAt(i), b = o.charAt(i);
            if (a != b && Character.toUpperCase(a) != Character.toUpperCase(b)
                && Character.toLowerCase(a) != Character.toLowerCase(b)) return false;
        }
        return true;
    }
    public int compareToIgnoreCase(String o) {
        int n = Math.min(length(), o.length());
        for (int i = 0; i < n; i++) {
            char a = Character.toLowerCase(Character.toUpperCase(charAt(i)));
            char b = Character.toLowerCase(Character.toUpperCase(o.charAt(i)));
            if (a != b) return a - b;
        }
        return length() - o.length();
    }
    public boolean contentEquals(CharSequence cs) { return equals(cs.toString()); }
    public String trim() {
        int b = 0, e = length();
        while (b < e && charAt(b) <= ' ') b++;
        while (e > b && charAt(e - 1) <= ' ') e--;
        return substring(b, e);
    }
    public String strip() { return stripTrailing().stripLeading(); }
    public String stripLeading() {
        int b = 0;
        while (b < length() && Character.isWhitespace(charAt(b))) b++;
        return substring(b);
    }
    public String stripTrailing() {
        int e = length();
        while (e > 0 && Character.isWhitespace(charAt(e - 1))) e--;
        return substring(0, e);
    }
    public String replace(char from, char to) {
        char[] c = toCharArray();
        for (int i = 0; i < c.length; i++) if (c[i] == from) c[i] = to;
        return new String(c);
    }
    public String replace(CharSequence target, CharSequence replacement) {
        String t = target.toString(), r = replacement.toString();
        StringBuilder sb = new StringBuilder();
        if (t.isEmpty()) {
            for (int i = 0; i < length(); i++) { sb.append(r); sb.append(charAt(i)); }
            return sb.append(r).toString();
        }
        int i = 0, j;
        while ((j = indexOf(t, i)) >= 0) { sb.append(substring(i, j)).append(r); i = j + t.length(); }
        return sb.append(substring(i)).toString();
    }
    public String repeat(int count) {
        if (count < 0) throw new IllegalArgumentException("count is negative: " + count);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(this);
        return sb.toString();
    }
    /** Literal split: regular expressions are not supported yet, except a single plain char or "\\s+"-free literals. */
    public String[] split(String regex) { return split(regex, 0); }
    public String[] split(String regex, int limit) {
        String sep = literalOf(regex);
        List<String> parts = new ArrayList<>();
        int i = 0, j;
        if (length() == 0) return new String[] {""};
        while ((limit <= 0 || parts.size() < limit - 1) && (j = sep.isEmpty() ? (i + 1 <= length() - 1 ? i + 1 : -1) : indexOf(sep, i)) >= 0) {
            if (!(j == 0 && sep.isEmpty())) parts.add(substring(i, j));
            i = j + sep.length();
        }
        parts.add(substring(i));
        if (limit == 0) while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) parts.remove(parts.size() - 1);
        return parts.toArray(new String[0]);
    }
    private static String literalOf(String regex) {
        if (regex.length() == 2 && regex.charAt(0) == '\\' && !Character.isLetterOrDigit(regex.charAt(1))) return regex.substring(1);
        for (int i = 0; i < regex.length(); i++) {
            if (".$|()[{^?*+\\".indexOf(regex.charAt(i)) >= 0)
                throw new UnsupportedOperationException("java.util.regex is not supported yet by the lambdabox Java class library (split(\"" + regex + "\"))");
        }
        return regex;
    }
    public boolean matches(String regex) {
        throw new UnsupportedOperationException("java.util.regex is not supported yet by the lambdabox Java class library");
    }
    public String toString() { return this; }
    public char[] chars0() { return toCharArray(); }
    public int codePointAt(int i) {
        char c = charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < length() && Character.isLowSurrogate(charAt(i + 1)))
            return Character.toCodePoint(c, charAt(i + 1));
        return c;
    }

    public static String valueOf(Object o) { return o == null ? "null" : o.toString(); }
    public static String valueOf(int i) { return Integer.toString(i); }
    public static String valueOf(long l) { return Long.toString(l); }
    public static String valueOf(float f) { return Float.toString(f); }
    public static String valueOf(double d) { return Double.toString(d); }
    public static String valueOf(boolean b) { return b ? "true" : "false"; }
    public static String valueOf(char c) { return new String(new char[] {c}); }
    public static String valueOf(char[] c) { return new String(c); }
    public static String copyValueOf(char[] c) { return new String(c); }
    public static String join(CharSequence sep, CharSequence... parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) { if (i > 0) sb.append(sep); sb.append(parts[i]); }
        return sb.toString();
    }
    public static String join(CharSequence sep, Iterable<? extends CharSequence> parts) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (CharSequence p : parts) { if (!first) sb.append(sep); sb.append(p); first = false; }
        return sb.toString();
    }
    public static String format(String fmt, Object... args) { return new java.util.Formatter().format(fmt, args).toString(); }
    public String formatted(Object... args) { return format(this, args); }
}
