package java.io;

public class FileInputStream extends InputStream {
    private final String path;
    private int fd;
    private boolean closed;

    public FileInputStream(String name) throws FileNotFoundException {
        this(name != null ? new File(name) : null);
    }

    public FileInputStream(File file) throws FileNotFoundException {
        if (file == null) throw new NullPointerException();
        path = file.getPath();
        if (file.isDirectory()) throw new FileNotFoundException(path + " (Is a directory)");
        try {
            fd = FileSystemNatives.open(path, FileSystemNatives.READ);
        } catch (FsFailure e) {
            throw new FileNotFoundException(path + " (" + e.reason + ")");
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new IOException("Stream Closed");
    }

    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (off < 0 || len < 0 || len > b.length - off) throw new IndexOutOfBoundsException("Range [" + off + ", " + off + " + " + len + ") out of bounds for length " + b.length);
        if (len == 0) return 0;
        return FileSystemNatives.read(fd, b, off, len);
    }

    public long skip(long n) throws IOException {
        ensureOpen();
        return n <= 0 ? 0 : FileSystemNatives.skip(fd, n);
    }

    public int available() throws IOException {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, FileSystemNatives.available(fd));
    }

    public void close() throws IOException {
        if (!closed) {
            closed = true;
            FileSystemNatives.close(fd);
        }
    }
}
