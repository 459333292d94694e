package java.io;

public abstract class InputStream implements Closeable {
    public abstract int read() throws IOException;
    public int read(byte[] b) throws IOException { return read(b, 0, b.length); }
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || off + len > b.length) throw new IndexOutOfBoundsException();
        if (len == 0) return 0;
        int c = read();
        if (c == -1) return -1;
        b[off] = (byte) c;
        int i = 1;
        for (; i < len; i++) {
            if (available() <= 0) break;
            c = read();
            if (c == -1) break;
            b[off + i] = (byte) c;
        }
        return i;
    }
    public byte[] readAllBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = read(buf, 0, buf.length)) > 0) out.write(buf, 0, n);
        return out.toByteArray();
    }
    public long transferTo(OutputStream out) throws IOException {
        byte[] all = readAllBytes();
        out.write(all);
        return all.length;
    }
    public long skip(long n) throws IOException { long k = 0; while (k < n && read() != -1) k++; return k; }
    public int available() throws IOException { return 0; }
    public void close() throws IOException {}
}
