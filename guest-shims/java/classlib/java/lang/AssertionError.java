package java.lang;

public class AssertionError extends Error {
    public AssertionError() {}
    public AssertionError(Object detail) {
        super(String.valueOf(detail));
        if (detail instanceof Throwable) initCause((Throwable) detail);
    }
    public AssertionError(String message, Throwable cause) { super(message, cause); }
}
