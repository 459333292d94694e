package java.lang;

public final class Character implements java.io.Serializable, Comparable<Character> {
    public static final char MIN_VALUE = '\u0000';
    public static final char MAX_VALUE = '\uFFFF';
    public static final int MIN_RADIX = 2;
    public static final int MAX_RADIX = 36;
    public static final char MIN_HIGH_SURROGATE = '\uD800';
    public static final char MAX_HIGH_SURROGATE = '\uDBFF';
    public static final char MIN_LOW_SURROGATE = '\uDC00';
    public static final char MAX_LOW_SURROGATE = '\uDFFF';
    public static final int MIN_SUPPLEMENTARY_CODE_POINT = 0x010000;
    private final char value;

    private static class CharacterCache {
        static final Character[] cache = new Character[128];
        static { for (int i = 0; i < 128; i++) cache[i] = new Character((char) i); }
    }

    @Deprecated
    public Character(char value) { this.value = value; }
    public static Character valueOf(char c) { return c < 128 ? CharacterCache.cache[c] : new Character(c); }
    public char charValue() { return value; }
    public static native boolean isLetter(int cp);
    public static native boolean isDigit(int cp);
    public static native boolean isLetterOrDigit(int cp);
    public static native boolean isUpperCase(int cp);
    public static native boolean isLowerCase(int cp);
    public static native boolean isAlphabetic(int cp);
    public static native boolean isWhitespace(int cp);
    public static native boolean isSpaceChar(int cp);
    public static native int toUpperCase(int cp);
    public static native int toLowerCase(int cp);
    public static boolean isLetter(char c) { return isLetter((int) c); }
    public static boolean isDigit(char c) { return isDigit((int) c); }
    public static boolean isLetterOrDigit(char c) { return isLetterOrDigit((int) c); }
    public static boolean isUpperCase(char c) { return isUpperCase((int) c); }
    public static boolean isLowerCase(char c) { return isLowerCase((int) c); }
    public static boolean isWhitespace(char c) { return isWhitespace((int) c); }
    public static boolean isSpaceChar(char c) { return isSpaceChar((int) c); }
    public static char toUpperCase(char c) { return (char) toUpperCase((int) c); }
    public static char toLowerCase(char c) { return (char) toLowerCase((int) c); }
    public static boolean isHighSurrogate(char c) { return c >= MIN_HIGH_SURROGATE && c <= MAX_HIGH_SURROGATE; }
    public static boolean isLowSurrogate(char c) { return c >= MIN_LOW_SURROGATE && c <= MAX_LOW_SURROGATE; }
    public static boolean isSurrogate(char c) { return c >= MIN_HIGH_SURROGATE && c <= MAX_LOW_SURROGATE; }
    public static int toCodePoint(char high, char low) { return ((high - MIN_HIGH_SURROGATE) << 10) + (low - MIN_LOW_SURROGATE) + MIN_SUPPLEMENTARY_CODE_POINT; }
    public static char highSurrogate(int cp) { return (char) ((cp >>> 10) + (MIN_HIGH_SURROGATE - (MIN_SUPPLEMENTARY_CODE_POINT >>> 10))); }
    public static char lowSurrogate(int cp) { return (char) ((cp & 0x3ff) + MIN_LOW_SURROGATE); }
    public static int charCount(int cp) { return cp >= MIN_SUPPLEMENTARY_CODE_POINT ? 2 : 1; }
    public static int digit(char c, int radix) { return digit((int) c, radix); }
    public static int digit(int c, int radix) {
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        return d < radix ? d : -1;
    }
    public static int getNumericValue(char c) { return digit(c, 36); }
    public static char forDigit(int d, int radix) {
        if (d < 0 || d >= radix || radix < 2 || radix > 36) return '\0';
        return (char) (d < 10 ? '0' + d : 'a' - 10 + d);
    }
    public static String toString(char c) { return String.valueOf(c); }
    public static int compare(char a, char b) { return a - b; }
    public static int hashCode(char c) { return c; }
    public int hashCode() { return value; }
    public boolean equals(Object o) { return o instanceof Character && ((Character) o).value == value; }
    public String toString() { return String.valueOf(value); }
    public int compareTo(Character o) { return compare(value, o.value); }
}
