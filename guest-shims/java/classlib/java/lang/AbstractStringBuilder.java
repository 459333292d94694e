package java.lang;

/** Shared body of StringBuilder and StringBuffer; the buffer is a VM payload. */
abstract class AbstractStringBuilder implements CharSequence, Appendable {
    native void append0(String s);
    native void appendChar0(char c);
    native void appendChars0(char[] c, int off, int len);
    public native int length();
    native char charAt0(int i);
    native void setCharAt0(int i, char c);
    native void setLength0(int n);
    native void replace0(int start, int end, String s);
    native void reverse0();
    native String substring0(int start, int end);
    public abstract String toString();

    void checkIndex(int i, int len) {
        if (i < 0 || i >= len) throw new StringIndexOutOfBoundsException("index " + i + ",length " + len);
    }
    public char charAt(int i) { checkIndex(i, length()); return charAt0(i); }
    public void setCharAt(int i, char c) { checkIndex(i, length()); setCharAt0(i, c); }
    public void setLength(int n) {
        if (n < 0) throw new StringIndexOutOfBoundsException(n);
        setLength0(n);
    }
    public String substring(int start) { return substring(start, length()); }
    public String substring(int start, int end) {
        if (start < 0 || end > length() || start > end)
            throw new StringIndexOutOfBoundsException("start " + start + ", end " + end + ", length " + length());
        return substring0(start, end);
    }
    public CharSequence subSequence(int start, int end) { return substring(start, end); }
    public int indexOf(String s) { return toString().indexOf(s); }
    public int indexOf(String s, int from) { return toString().indexOf(s, from); }
    public int lastIndexOf(String s) { return toString().lastIndexOf(s); }
    void doReplace(int start, int end, String s) {
        int len = length();
        if (end > len) end = len;
        if (start < 0 || start > len || start > end)
            throw new StringIndexOutOfBoundsException("start " + start + ", end " + end + ", length " + len);
        replace0(start, end, s);
    }
}
