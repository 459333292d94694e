package java.lang;

/** Thrown when an exhaustive switch meets a value no case matches (e.g. a new enum constant). */
public final class MatchException extends RuntimeException {
    public MatchException(String message, Throwable cause) { super(message, cause); }
}
