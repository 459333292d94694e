package java.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Decodes the whole stream on first read (UTF-8 or Latin-1); fine for request payloads. */
public class InputStreamReader extends Reader {
    private final InputStream in;
    private final Charset cs;
    private String text;
    private int pos;
    public InputStreamReader(InputStream in) { this(in, StandardCharsets.UTF_8); }
    public InputStreamReader(InputStream in, Charset cs) { this.in = in; this.cs = cs; }
    public InputStreamReader(InputStream in, String cs) throws UnsupportedEncodingException { this(in, Charset.forName(cs)); }
    public int read(char[] buf, int off, int len) throws IOException {
        if (text == null) text = new String(in.readAllBytes(), cs);
        if (pos >= text.length()) return -1;
        int n = Math.min(len, text.length() - pos);
        for (int i = 0; i < n; i++) buf[off + i] = text.charAt(pos++);
        return n;
    }
    public void close() throws IOException { in.close(); }
}
