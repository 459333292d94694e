package java.io;

public class ByteArrayOutputStream extends OutputStream {
    protected byte[] buf;
    protected int count;
    public ByteArrayOutputStream() { this(32); }
    public ByteArrayOutputStream(int size) { buf = new byte[size]; }
    private void grow(int min) {
        if (min > buf.length) {
            byte[] n = new byte[Math.max(min, buf.length * 2)];
            System.arraycopy(buf, 0, n, 0, count);
            buf = n;
        }
    }
    public void write(int b) { grow(count + 1); buf[count++] = (byte) b; }
    public void write(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) throw new IndexOutOfBoundsException();
        grow(count + len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }
    public void writeBytes(byte[] b) { write(b, 0, b.length); }
    public void writeTo(OutputStream out) throws IOException { out.write(buf, 0, count); }
    public void reset() { count = 0; }
    public byte[] toByteArray() { byte[] r = new byte[count]; System.arraycopy(buf, 0, r, 0, count); return r; }
    public int size() { return count; }
    public String toString() { return new String(buf, 0, count); }
    public String toString(java.nio.charset.Charset cs) { return new String(buf, 0, count, cs); }
    public String toString(String cs) throws UnsupportedEncodingException { return new String(toByteArray(), cs); }
    public void close() {}
}
