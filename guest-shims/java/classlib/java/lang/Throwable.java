package java.lang;

import java.io.PrintStream;

public class Throwable implements java.io.Serializable {
    private String detailMessage;
    private Throwable cause = this;
    private StackTraceElement[] stackTrace;
    private java.util.List<Throwable> suppressed;

    public Throwable() { fillInStackTrace(); }
    public Throwable(String message) { fillInStackTrace(); detailMessage = message; }
    public Throwable(String message, Throwable cause) { fillInStackTrace(); detailMessage = message; this.cause = cause; }
    public Throwable(Throwable cause) {
        fillInStackTrace();
        detailMessage = cause == null ? null : cause.toString();
        this.cause = cause;
    }
    protected Throwable(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        this(message, cause);
    }
    private native void fillInStackTrace0();
    private native StackTraceElement[] getStackTrace0();
    public synchronized Throwable fillInStackTrace() { fillInStackTrace0(); stackTrace = null; return this; }
    public String getMessage() { return detailMessage; }
    public String getLocalizedMessage() { return getMessage(); }
    public synchronized Throwable getCause() { return cause == this ? null : cause; }
    public synchronized Throwable initCause(Throwable c) {
        if (cause != this) throw new IllegalStateException("Can't overwrite cause with " + c, this);
        if (c == this) throw new IllegalArgumentException("Self-causation not permitted", this);
        cause = c;
        return this;
    }
    public StackTraceElement[] getStackTrace() {
        if (stackTrace == null) stackTrace = getStackTrace0();
        return stackTrace.clone();
    }
    public void setStackTrace(StackTraceElement[] st) { stackTrace = st.clone(); }
    public final synchronized void addSuppressed(Throwable t) {
        if (suppressed == null) suppressed = new java.util.ArrayList<>();
        suppressed.add(t);
    }
    public final synchronized Throwable[] getSuppressed() {
        return suppressed == null ? new Throwable[0] : suppressed.toArray(new Throwable[0]);
    }
    public String toString() {
        String m = getLocalizedMessage();
        String n = getClass().getName();
        return m != null ? n + ": " + m : n;
    }
    public void printStackTrace() { printStackTrace(System.err); }
    public void printStackTrace(PrintStream s) {
        s.println(this);
        for (StackTraceElement e : getStackTrace()) s.println("\tat " + e);
        Throwable c = getCause();
        while (c != null) {
            s.println("Caused by: " + c);
            for (StackTraceElement e : c.getStackTrace()) s.println("\tat " + e);
            c = c.getCause();
        }
    }
    public void printStackTrace(java.io.PrintWriter s) {
        s.println(this);
        for (StackTraceElement e : getStackTrace()) s.println("\tat " + e);
    }
}
