package java.io;

/** System.out/err: bytes decoded as UTF-8 and written to the function's log per line. */
public final class LogOutputStream extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    public void write(int b) {
        pending.write(b);
        if (b == '\n') flush();
    }
    public void flush() {
        if (pending.size() > 0) {
            String s = new String(pending.toByteArray());
            pending.reset();
            write0(s);
        }
    }
    private static void write0(String s) { SystemWriter.write(s); }
}
