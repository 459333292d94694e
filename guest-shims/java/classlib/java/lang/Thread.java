package java.lang;

/** The single thread of a Lambda invocation; starting new threads is not supported yet. */
public class Thread implements Runnable {
    private static final Thread MAIN = new Thread("main");
    private final String name;
    private final Runnable target;

    private Thread(String name) { this.name = name; this.target = null; }
    public Thread(Runnable target) { this.name = "Thread-0"; this.target = target; }
    public static Thread currentThread() { return MAIN; }
    public static void sleep(long millis) throws InterruptedException {
        if (millis < 0) throw new IllegalArgumentException("timeout value is negative");
        sleep0(millis);
    }
    private static native void sleep0(long millis);
    public static void yield() {}
    public static void onSpinWait() {}
    public String getName() { return name; }
    public long getId() { return 1; }
    public boolean isInterrupted() { return false; }
    public static boolean interrupted() { return false; }
    public void interrupt() {}
    public boolean isDaemon() { return false; }
    public void setDaemon(boolean on) {}
    public void run() { if (target != null) target.run(); }
    public void start() { throw new UnsupportedOperationException("java.lang.Thread.start is not supported yet by the lambdabox Java runtime (single-threaded)"); }
    public void join() {}
    public StackTraceElement[] getStackTrace() { return new Throwable().getStackTrace(); }
    public ClassLoader getContextClassLoader() { return null; }
    public String toString() { return "Thread[" + name + ",5,main]"; }
}
