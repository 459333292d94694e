package java.io;

/**
 * A failed file-system call, raised by the natives of {@link FileSystemNatives}; the public
 * APIs translate it into the JDK's exception for the call (FileNotFoundException,
 * NoSuchFileException, AccessDeniedException...). Not part of the JDK.
 */
public final class FsFailure extends IOException {
    public static final int OTHER = 0, NOT_FOUND = 1, ACCESS_DENIED = 2, EXISTS = 3, NOT_EMPTY = 4, NOT_DIRECTORY = 5;
    /** One of the constants above. */
    public final int kind;
    /** The system's text for the error ("No such file or directory"). */
    public final String reason;

    public FsFailure(int kind, String reason) {
        super(reason);
        this.kind = kind;
        this.reason = reason;
    }
}
