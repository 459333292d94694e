package java.io;

public class BufferedOutputStream extends OutputStream {
    private final OutputStream out;
    public BufferedOutputStream(OutputStream out) { this.out = out; }
    public BufferedOutputStream(OutputStream out, int size) { this.out = out; }
    public void write(int b) throws IOException { out.write(b); }
    public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
    public void flush() throws IOException { out.flush(); }
    public void close() throws IOException { out.close(); }
}
