package java.io;

public class BufferedInputStream extends InputStream {
    private final InputStream in;
    public BufferedInputStream(InputStream in) { this.in = in; }
    public BufferedInputStream(InputStream in, int size) { this.in = in; }
    public int read() throws IOException { return in.read(); }
    public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
    public int available() throws IOException { return in.available(); }
    public void close() throws IOException { in.close(); }
}
