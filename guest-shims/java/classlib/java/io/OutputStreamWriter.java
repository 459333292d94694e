package java.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

public class OutputStreamWriter extends Writer {
    private final OutputStream out;
    private final Charset cs;
    public OutputStreamWriter(OutputStream out) { this(out, StandardCharsets.UTF_8); }
    public OutputStreamWriter(OutputStream out, Charset cs) { this.out = out; this.cs = cs; }
    public OutputStreamWriter(OutputStream out, String cs) throws UnsupportedEncodingException { this(out, Charset.forName(cs)); }
    public void write(char[] c, int off, int len) throws IOException { out.write(new String(c, off, len).getBytes(cs)); }
    public void flush() throws IOException { out.flush(); }
    public void close() throws IOException { out.close(); }
}
