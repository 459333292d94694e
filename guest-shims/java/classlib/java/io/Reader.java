package java.io;

public abstract class Reader implements Closeable {
    public abstract int read(char[] buf, int off, int len) throws IOException;
    public int read() throws IOException { char[] c = new char[1]; return read(c, 0, 1) == -1 ? -1 : c[0]; }
    public int read(char[] buf) throws IOException { return read(buf, 0, buf.length); }
    public long transferTo(Writer out) throws IOException {
        char[] b = new char[4096];
        long n = 0;
        int k;
        while ((k = read(b, 0, b.length)) > 0) { out.write(b, 0, k); n += k; }
        return n;
    }
    public abstract void close() throws IOException;
}
