package java.lang;

public class ExceptionInInitializerError extends LinkageError {
    private Throwable exception;
    public ExceptionInInitializerError() { super(); }
    public ExceptionInInitializerError(String message) { super(message); }
    public ExceptionInInitializerError(Throwable thrown) { super(null); this.exception = thrown; initCause(thrown); }
    public Throwable getException() { return exception; }
}
