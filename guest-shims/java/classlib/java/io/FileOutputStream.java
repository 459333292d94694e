package java.io;

public class FileOutputStream extends OutputStream {
    private final String path;
    private int fd;
    private boolean closed;

    public FileOutputStream(String name) throws FileNotFoundException { this(name, false); }
    public FileOutputStream(String name, boolean append) throws FileNotFoundException {
        this(name != null ? new File(name) : null, append);
    }
    public FileOutputStream(File file) throws FileNotFoundException { this(file, false); }

    public FileOutputStream(File file, boolean append) throws FileNotFoundException {
        if (file == null) throw new NullPointerException();
        path = file.getPath();
        if (file.isDirectory()) throw new FileNotFoundException(path + " (Is a directory)");
        try {
            fd = FileSystemNatives.open(path, FileSystemNatives.WRITE | FileSystemNatives.CREATE
                    | (append ? FileSystemNatives.APPEND : FileSystemNatives.TRUNCATE_EXISTING));
        } catch (FsFailure e) {
            throw new FileNotFoundException(path + " (" + e.reason + ")");
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new IOException("Stream Closed");
    }

    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (off < 0 || len < 0 || len > b.length - off) throw new IndexOutOfBoundsException("Range [" + off + ", " + off + " + " + len + ") out of bounds for length " + b.length);
        FileSystemNatives.write(fd, b, off, len);
    }

    public void close() throws IOException {
        if (!closed) {
            closed = true;
            FileSystemNatives.close(fd);
        }
    }
}
