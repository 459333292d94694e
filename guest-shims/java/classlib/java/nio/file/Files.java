package java.nio.file;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FileSystemNatives;
import java.io.FsFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;

/** java.nio.file.Files over {@link FileSystemNatives}, with the JDK's exception types. */
public final class Files {
    private Files() {}

    /** The JDK's translation of an errno into an exception (UnixException.translateToIOException). */
    private static IOException translate(FsFailure e, Path file) {
        String f = file.toString();
        switch (e.kind) {
            case FsFailure.NOT_FOUND: return new NoSuchFileException(f);
            case FsFailure.ACCESS_DENIED: return new AccessDeniedException(f);
            case FsFailure.EXISTS: return new FileAlreadyExistsException(f);
            case FsFailure.NOT_EMPTY: return new DirectoryNotEmptyException(f);
            default: return new FileSystemException(f, null, e.reason);
        }
    }

    private static int stat(Path p) { return p.toString().isEmpty() ? FileSystemNatives.stat(".") : FileSystemNatives.stat(p.toString()); }

    public static boolean exists(Path path, LinkOption... options) { return (stat(path) & FileSystemNatives.EXISTS) != 0; }
    public static boolean notExists(Path path, LinkOption... options) { return !exists(path); }
    public static boolean isDirectory(Path path, LinkOption... options) { return (stat(path) & FileSystemNatives.DIRECTORY) != 0; }
    public static boolean isRegularFile(Path path, LinkOption... options) { return (stat(path) & FileSystemNatives.FILE) != 0; }
    public static boolean isReadable(Path path) { return (stat(path) & FileSystemNatives.READABLE) != 0; }
    public static boolean isWritable(Path path) { return (stat(path) & FileSystemNatives.WRITABLE) != 0; }
    public static boolean isSymbolicLink(Path path) { return false; }
    public static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
    public static boolean isSameFile(Path path, Path path2) throws IOException {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    public static long size(Path path) throws IOException {
        if (!exists(path)) throw new NoSuchFileException(path.toString());
        return FileSystemNatives.size(path.toString());
    }

    // ---------------------------------------------------------------- streams

    private static int openFlags(OpenOption[] options, boolean forWrite) {
        if (options.length == 0) {
            return forWrite
                ? FileSystemNatives.WRITE | FileSystemNatives.CREATE | FileSystemNatives.TRUNCATE_EXISTING
                : FileSystemNatives.READ;
        }
        int flags = forWrite ? FileSystemNatives.WRITE : FileSystemNatives.READ;
        for (OpenOption o : options) {
            if (o == StandardOpenOption.APPEND) flags |= FileSystemNatives.APPEND;
            else if (o == StandardOpenOption.CREATE) flags |= FileSystemNatives.CREATE;
            else if (o == StandardOpenOption.CREATE_NEW) flags |= FileSystemNatives.CREATE_NEW;
            else if (o == StandardOpenOption.TRUNCATE_EXISTING) flags |= FileSystemNatives.TRUNCATE_EXISTING;
            else if (o == StandardOpenOption.WRITE) flags |= FileSystemNatives.WRITE;
            else if (o == StandardOpenOption.READ) flags |= FileSystemNatives.READ;
        }
        if ((flags & FileSystemNatives.APPEND) != 0 && (flags & FileSystemNatives.READ) != 0 && !forWrite)
            throw new IllegalArgumentException("READ + APPEND not allowed");
        if ((flags & FileSystemNatives.APPEND) != 0 && (flags & FileSystemNatives.TRUNCATE_EXISTING) != 0)
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        return flags;
    }

    private static int open(Path path, int flags) throws IOException {
        if (path.toString().isEmpty()) throw new FileSystemException("", null, "Is a directory");
        try {
            return FileSystemNatives.open(path.toString(), flags);
        } catch (FsFailure e) {
            throw translate(e, path);
        }
    }

    private static final class FdInputStream extends InputStream {
        private final int fd;
        private boolean closed;
        FdInputStream(int fd) { this.fd = fd; }
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) throw new java.nio.channels.ClosedChannelException();
            if (off < 0 || len < 0 || len > b.length - off) throw new IndexOutOfBoundsException();
            if (len == 0) return 0;
            try {
                return FileSystemNatives.read(fd, b, off, len);
            } catch (FsFailure e) {
                throw new IOException(e.reason);
            }
        }
        public int available() throws IOException { return closed ? 0 : (int) Math.min(Integer.MAX_VALUE, FileSystemNatives.available(fd)); }
        public void close() {
            if (!closed) { closed = true; FileSystemNatives.close(fd); }
        }
    }

    private static final class FdOutputStream extends OutputStream {
        private final int fd;
        private boolean closed;
        FdOutputStream(int fd) { this.fd = fd; }
        public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) throw new java.nio.channels.ClosedChannelException();
            if (off < 0 || len < 0 || len > b.length - off) throw new IndexOutOfBoundsException();
            try {
                FileSystemNatives.write(fd, b, off, len);
            } catch (FsFailure e) {
                throw new IOException(e.reason);
            }
        }
        public void close() {
            if (!closed) { closed = true; FileSystemNatives.close(fd); }
        }
    }

    public static InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.APPEND || o == StandardOpenOption.WRITE) throw new UnsupportedOperationException("'" + o + "' not allowed");
        }
        if (isDirectory(path)) throw new IOException("Is a directory");
        return new FdInputStream(open(path, FileSystemNatives.READ));
    }

    public static OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.READ) throw new IllegalArgumentException("READ not allowed");
        }
        return new FdOutputStream(open(path, openFlags(options, true)));
    }

    public static BufferedReader newBufferedReader(Path path) throws IOException { return newBufferedReader(path, StandardCharsets.UTF_8); }
    public static BufferedReader newBufferedReader(Path path, Charset cs) throws IOException {
        return new BufferedReader(new InputStreamReader(newInputStream(path), cs));
    }

    public static BufferedWriter newBufferedWriter(Path path, OpenOption... options) throws IOException {
        return newBufferedWriter(path, StandardCharsets.UTF_8, options);
    }
    public static BufferedWriter newBufferedWriter(Path path, Charset cs, OpenOption... options) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(path, options), cs));
    }

    // ---------------------------------------------------------------- whole files

    public static byte[] readAllBytes(Path path) throws IOException {
        try (InputStream in = newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    public static String readString(Path path) throws IOException { return readString(path, StandardCharsets.UTF_8); }
    public static String readString(Path path, Charset cs) throws IOException {
        byte[] bytes = readAllBytes(path);
        if (cs == StandardCharsets.UTF_8) checkUtf8(bytes);
        return new String(bytes, cs);
    }

    /** Files.readString/readAllLines refuse malformed UTF-8 instead of replacing it (as the JDK). */
    private static void checkUtf8(byte[] b) throws java.nio.charset.MalformedInputException {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) { i++; continue; }
            int n;
            int lo = 0x80, hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) n = 1;
            else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c == 0xe0) lo = 0xa0; if (c == 0xed) hi = 0x9f; }
            else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c == 0xf0) lo = 0x90; if (c == 0xf4) hi = 0x8f; }
            else throw new java.nio.charset.MalformedInputException(1);
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length) throw new java.nio.charset.MalformedInputException(k);
                int d = b[i + k] & 0xff;
                if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xbf)) throw new java.nio.charset.MalformedInputException(k);
            }
            i += n + 1;
        }
    }

    public static List<String> readAllLines(Path path) throws IOException { return readAllLines(path, StandardCharsets.UTF_8); }
    public static List<String> readAllLines(Path path, Charset cs) throws IOException {
        if (cs == StandardCharsets.UTF_8) checkUtf8(readAllBytes(path));
        try (BufferedReader reader = newBufferedReader(path, cs)) {
            List<String> result = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) result.add(line);
            return result;
        }
    }

    public static Path write(Path path, byte[] bytes, OpenOption... options) throws IOException {
        if (bytes == null) throw new NullPointerException();
        try (OutputStream out = newOutputStream(path, options)) {
            out.write(bytes, 0, bytes.length);
        }
        return path;
    }

    public static Path write(Path path, Iterable<? extends CharSequence> lines, OpenOption... options) throws IOException {
        return write(path, lines, StandardCharsets.UTF_8, options);
    }
    public static Path write(Path path, Iterable<? extends CharSequence> lines, Charset cs, OpenOption... options) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (CharSequence line : lines) {
            byte[] b = (line.toString() + "\n").getBytes(cs);
            buf.write(b, 0, b.length);
        }
        return write(path, buf.toByteArray(), options);
    }

    public static Path writeString(Path path, CharSequence csq, OpenOption... options) throws IOException {
        return writeString(path, csq, StandardCharsets.UTF_8, options);
    }
    public static Path writeString(Path path, CharSequence csq, Charset cs, OpenOption... options) throws IOException {
        return write(path, csq.toString().getBytes(cs), options);
    }

    // ---------------------------------------------------------------- directories and entries

    public static void delete(Path path) throws IOException {
        try {
            FileSystemNatives.delete(path.toString());
        } catch (FsFailure e) {
            throw translate(e, path);
        }
    }

    public static boolean deleteIfExists(Path path) throws IOException {
        try {
            FileSystemNatives.delete(path.toString());
            return true;
        } catch (FsFailure e) {
            if (e.kind == FsFailure.NOT_FOUND) return false;
            throw translate(e, path);
        }
    }

    public static Path createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        try {
            FileSystemNatives.mkdir(dir.toString());
        } catch (FsFailure e) {
            throw translate(e, dir);
        }
        return dir;
    }

    public static Path createDirectories(Path dir, FileAttribute<?>... attrs) throws IOException {
        if (isDirectory(dir)) return dir;
        if (exists(dir)) throw new FileAlreadyExistsException(dir.toString());
        Path absolute = dir.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null && !isDirectory(parent)) createDirectories(parent);
        try {
            FileSystemNatives.mkdir(dir.toString());
        } catch (FsFailure e) {
            if (e.kind != FsFailure.EXISTS || !isDirectory(dir)) throw translate(e, dir);
        }
        return dir;
    }

    public static Path createFile(Path path, FileAttribute<?>... attrs) throws IOException {
        FileSystemNatives.close(open(path, FileSystemNatives.WRITE | FileSystemNatives.CREATE_NEW));
        return path;
    }

    public static Path createTempFile(String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        return java.io.File.createTempFile(prefix == null ? "tmp" : prefix, suffix).toPath();
    }

    public static Path copy(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = false;
        for (CopyOption o : options) if (o == StandardCopyOption.REPLACE_EXISTING) replace = true;
        if (!exists(source)) throw new NoSuchFileException(source.toString());
        if (exists(target)) {
            if (!replace) throw new FileAlreadyExistsException(target.toString());
            delete(target);
        }
        if (isDirectory(source)) return createDirectory(target);
        return write(target, readAllBytes(source), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    public static long copy(InputStream in, Path target, CopyOption... options) throws IOException {
        boolean replace = false;
        for (CopyOption o : options) if (o == StandardCopyOption.REPLACE_EXISTING) replace = true;
        if (replace) deleteIfExists(target);
        else if (exists(target)) throw new FileAlreadyExistsException(target.toString());
        try (OutputStream out = newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return in.transferTo(out);
        }
    }

    public static long copy(Path source, OutputStream out) throws IOException {
        try (InputStream in = newInputStream(source)) {
            return in.transferTo(out);
        }
    }

    public static Path move(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = false;
        for (CopyOption o : options) if (o == StandardCopyOption.REPLACE_EXISTING) replace = true;
        if (!replace && exists(target)) throw new FileAlreadyExistsException(target.toString());
        try {
            FileSystemNatives.rename(source.toString(), target.toString());
        } catch (FsFailure e) {
            throw translate(e, source);
        }
        return target;
    }

    // ---------------------------------------------------------------- stream-returning methods

    private static UnsupportedOperationException needsStreams(String method) {
        return new UnsupportedOperationException("java.nio.file.Files." + method
            + " returns a java.util.stream.Stream, which is not supported yet by the lambdabox Java class library");
    }

    public static java.util.stream.Stream<Path> list(Path dir) throws IOException { throw needsStreams("list"); }
    public static java.util.stream.Stream<Path> walk(Path start, FileVisitOption... options) throws IOException { throw needsStreams("walk"); }
    public static java.util.stream.Stream<String> lines(Path path) throws IOException { throw needsStreams("lines"); }
    public static java.util.stream.Stream<String> lines(Path path, Charset cs) throws IOException { throw needsStreams("lines"); }
}
