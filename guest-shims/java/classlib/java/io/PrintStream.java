package java.io;

public class PrintStream extends OutputStream {
    private final OutputStream out;
    private final boolean autoFlush;
    public PrintStream(OutputStream out) { this(out, false); }
    public PrintStream(OutputStream out, boolean autoFlush) { this.out = out; this.autoFlush = autoFlush; }
    public PrintStream(String fileName) throws FileNotFoundException { this(new FileOutputStream(fileName), false); }
    public PrintStream(File file) throws FileNotFoundException { this(new FileOutputStream(file), false); }
    public void write(int b) { try { out.write(b); } catch (IOException e) { } }
    public void write(byte[] b, int off, int len) { try { out.write(b, off, len); } catch (IOException e) { } }
    public void flush() { try { out.flush(); } catch (IOException e) { } }
    public void close() { try { out.close(); } catch (IOException e) { } }
    private void emit(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }
    public void print(String s) { emit(String.valueOf(s)); }
    public void print(Object o) { emit(String.valueOf(o)); }
    public void print(int i) { emit(String.valueOf(i)); }
    public void print(long l) { emit(String.valueOf(l)); }
    public void print(double d) { emit(String.valueOf(d)); }
    public void print(float f) { emit(String.valueOf(f)); }
    public void print(char c) { emit(String.valueOf(c)); }
    public void print(boolean b) { emit(String.valueOf(b)); }
    public void print(char[] c) { emit(new String(c)); }
    public void println() { emit("\n"); }
    public void println(String s) { emit(s + "\n"); }
    public void println(Object o) { emit(String.valueOf(o) + "\n"); }
    public void println(int i) { emit(i + "\n"); }
    public void println(long l) { emit(l + "\n"); }
    public void println(double d) { emit(d + "\n"); }
    public void println(float f) { emit(f + "\n"); }
    public void println(char c) { emit(c + "\n"); }
    public void println(boolean b) { emit(b + "\n"); }
    public void println(char[] c) { emit(new String(c) + "\n"); }
    public PrintStream printf(String fmt, Object... args) { emit(String.format(fmt, args)); return this; }
    public PrintStream format(String fmt, Object... args) { return printf(fmt, args); }
    public PrintStream append(CharSequence cs) { print(String.valueOf(cs)); return this; }
}
