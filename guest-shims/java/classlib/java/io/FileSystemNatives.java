package java.io;

/**
 * The file-system calls java.io and java.nio.file are built on, implemented over WASI (the
 * sandbox's /var/task read-only, /tmp writable, and any --mount). Failures throw
 * {@link FsFailure}. Not part of the JDK.
 */
public final class FileSystemNatives {
    private FileSystemNatives() {}

    public static final int EXISTS = 1, FILE = 2, DIRECTORY = 4, READABLE = 8, WRITABLE = 16;
    /** Flags of {@link #open}, as the StandardOpenOptions of the same names. */
    public static final int READ = 1, WRITE = 2, APPEND = 4, CREATE = 8, CREATE_NEW = 16, TRUNCATE_EXISTING = 32;

    /** EXISTS | FILE | DIRECTORY | READABLE | WRITABLE bits; 0 when the path does not exist. */
    public static native int stat(String path);
    public static native long size(String path);
    public static native long lastModified(String path);
    /** The entry names of a directory, in the order the file system returns them. */
    public static native String[] list(String path) throws FsFailure;
    public static native void delete(String path) throws FsFailure;
    public static native void mkdir(String path) throws FsFailure;
    /** Creates an empty file; FsFailure EXISTS when it is already there. */
    public static native void createNew(String path) throws FsFailure;
    public static native void rename(String from, String to) throws FsFailure;
    /** The working directory (user.dir), /var/task in a Lambda sandbox. */
    public static native String cwd();

    /** Opens `path` with the flags above; the result is a handle for read/write/close. */
    public static native int open(String path, int flags) throws FsFailure;
    /** Up to `len` bytes into b[off..]; -1 at end of file. */
    public static native int read(int fd, byte[] b, int off, int len) throws FsFailure;
    public static native void write(int fd, byte[] b, int off, int len) throws FsFailure;
    public static native long available(int fd) throws FsFailure;
    public static native long skip(int fd, long n) throws FsFailure;
    public static native void close(int fd);
}
