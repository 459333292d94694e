package java.io;

public class BufferedReader extends Reader {
    private final Reader in;
    private int peeked = -2;
    public BufferedReader(Reader in) { this.in = in; }
    public BufferedReader(Reader in, int size) { this.in = in; }
    public int read() throws IOException {
        if (peeked != -2) { int c = peeked; peeked = -2; return c; }
        return in.read();
    }
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        int c = read();
        if (c == -1) return -1;
        buf[off] = (char) c;
        int n = 1;
        if (len > 1) { int k = in.read(buf, off + 1, len - 1); if (k > 0) n += k; }
        return n;
    }
    public String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = read();
        if (c == -1) return null;
        while (c != -1 && c != '\n' && c != '\r') { sb.append((char) c); c = read(); }
        if (c == '\r') { int next = read(); if (next != '\n') peeked = next; }
        return sb.toString();
    }
    public boolean ready() { return true; }
    public void close() throws IOException { in.close(); }
}
