package java.lang;

public final class StringBuffer extends AbstractStringBuilder implements java.io.Serializable, Comparable<StringBuffer> {
    public StringBuffer() { append0(""); }
    public StringBuffer(int capacity) { append0(""); }
    public StringBuffer(String s) { append0(s.toString()); }
    public StringBuffer(CharSequence s) { append0(s.toString()); }
    public StringBuffer append(String s) { append0(s); return this; }
    public StringBuffer append(Object o) { append0(String.valueOf(o)); return this; }
    public StringBuffer append(CharSequence s) { append0(String.valueOf(s)); return this; }
    public StringBuffer append(CharSequence s, int start, int end) { append0(String.valueOf(s).substring(start, end)); return this; }
    public StringBuffer append(StringBuffer s) { append0(String.valueOf(s)); return this; }
    public StringBuffer append(char[] c) { appendChars0(c, 0, c.length); return this; }
    public StringBuffer append(char[] c, int off, int len) { appendChars0(c, off, len); return this; }
    public StringBuffer append(boolean b) { append0(b ? "true" : "false"); return this; }
    public StringBuffer append(char c) { appendChar0(c); return this; }
    public StringBuffer append(int i) { append0(Integer.toString(i)); return this; }
    public StringBuffer append(long l) { append0(Long.toString(l)); return this; }
    public StringBuffer append(float f) { append0(Float.toString(f)); return this; }
    public StringBuffer append(double d) { append0(Double.toString(d)); return this; }
    public StringBuffer appendCodePoint(int cp) {
        if (cp >= 0x10000) { appendChar0(Character.highSurrogate(cp)); appendChar0(Character.lowSurrogate(cp)); }
        else appendChar0((char) cp);
        return this;
    }
    public StringBuffer insert(int offset, String s) { doReplace(offset, offset, String.valueOf(s)); return this; }
    public StringBuffer insert(int offset, Object o) { return insert(offset, String.valueOf(o)); }
    public StringBuffer insert(int offset, char c) { return insert(offset, String.valueOf(c)); }
    public StringBuffer insert(int offset, int i) { return insert(offset, String.valueOf(i)); }
    public StringBuffer insert(int offset, long l) { return insert(offset, String.valueOf(l)); }
    public StringBuffer insert(int offset, boolean b) { return insert(offset, String.valueOf(b)); }
    public StringBuffer insert(int offset, double d) { return insert(offset, String.valueOf(d)); }
    public StringBuffer delete(int start, int end) { doReplace(start, end, ""); return this; }
    public StringBuffer deleteCharAt(int i) { checkIndex(i, length()); replace0(i, i + 1, ""); return this; }
    public StringBuffer replace(int start, int end, String s) { doReplace(start, end, s); return this; }
    public StringBuffer reverse() { reverse0(); return this; }
    public int compareTo(StringBuffer o) { return toString().compareTo(o.toString()); }
    public int capacity() { return length() + 16; }
    public void ensureCapacity(int n) {}
    public void trimToSize() {}
    public String toString() { return substring0(0, length()); }
}
