package java.io;

public class ByteArrayInputStream extends InputStream {
    protected byte[] buf;
    protected int pos;
    protected int count;
    public ByteArrayInputStream(byte[] buf) { this.buf = buf; this.count = buf.length; }
    public ByteArrayInputStream(byte[] buf, int off, int len) { this.buf = buf; this.pos = off; this.count = Math.min(off + len, buf.length); }
    public int read() { return pos < count ? (buf[pos++] & 0xff) : -1; }
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) throw new IndexOutOfBoundsException();
        if (pos >= count) return -1;
        int n = Math.min(len, count - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }
    public int available() { return count - pos; }
    public void close() {}
}
