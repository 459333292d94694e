package java.io;

public class PrintWriter extends Writer {
    protected Writer out;
    public PrintWriter(Writer out) { this.out = out; }
    public PrintWriter(Writer out, boolean autoFlush) { this.out = out; }
    public PrintWriter(OutputStream out) { this(new OutputStreamWriter(out)); }
    public PrintWriter(OutputStream out, boolean autoFlush) { this(new OutputStreamWriter(out)); }
    public PrintWriter(String fileName) throws FileNotFoundException { this(new OutputStreamWriter(new FileOutputStream(fileName))); }
    public PrintWriter(String fileName, String csn) throws FileNotFoundException, UnsupportedEncodingException { this(new OutputStreamWriter(new FileOutputStream(fileName), csn)); }
    public PrintWriter(File file) throws FileNotFoundException { this(new OutputStreamWriter(new FileOutputStream(file))); }
    public PrintWriter(File file, java.nio.charset.Charset cs) throws IOException { this(new OutputStreamWriter(new FileOutputStream(file), cs)); }
    public void write(char[] c, int off, int len) { try { out.write(c, off, len); } catch (IOException e) { } }
    public void write(String s) { write(s.toCharArray(), 0, s.length()); }
    public void flush() { try { out.flush(); } catch (IOException e) { } }
    public void close() { try { out.close(); } catch (IOException e) { } }
    public void print(String s) { write(String.valueOf(s)); }
    public void print(Object o) { write(String.valueOf(o)); }
    public void print(int i) { write(String.valueOf(i)); }
    public void print(long l) { write(String.valueOf(l)); }
    public void print(double d) { write(String.valueOf(d)); }
    public void print(char c) { write(String.valueOf(c)); }
    public void print(boolean b) { write(String.valueOf(b)); }
    public void println() { write("\n"); }
    public void println(String s) { write(s + "\n"); }
    public void println(Object o) { write(String.valueOf(o) + "\n"); }
    public void println(int i) { write(i + "\n"); }
    public void println(long l) { write(l + "\n"); }
    public void println(double d) { write(d + "\n"); }
    public void println(char c) { write(c + "\n"); }
    public void println(boolean b) { write(b + "\n"); }
    public PrintWriter printf(String fmt, Object... args) { write(String.format(fmt, args)); return this; }
    public PrintWriter format(String fmt, Object... args) { return printf(fmt, args); }
    public PrintWriter append(CharSequence cs) { write(String.valueOf(cs)); return this; }
    public PrintWriter append(char c) { write(String.valueOf(c)); return this; }
}
