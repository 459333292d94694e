package java.io;

import java.nio.file.Path;
import java.util.ArrayList;

/** A Unix path name; the operations go through {@link FileSystemNatives} (WASI). */
public class File implements Serializable, Comparable<File> {
    public static final char separatorChar = '/';
    public static final String separator = "/";
    public static final char pathSeparatorChar = ':';
    public static final String pathSeparator = ":";

    private final String path;

    public File(String pathname) {
        if (pathname == null) throw new NullPointerException();
        this.path = normalize(pathname);
    }

    public File(String parent, String child) {
        if (child == null) throw new NullPointerException();
        this.path = parent == null ? normalize(child) : join(normalize(parent), normalize(child));
    }

    public File(File parent, String child) {
        if (child == null) throw new NullPointerException();
        this.path = parent == null ? normalize(child) : join(parent.path, normalize(child));
    }

    /** Like the JDK's UnixFileSystem.resolve: an empty parent means the root. */
    private static String join(String parent, String child) {
        if (parent.isEmpty()) return child.startsWith("/") ? child : "/" + child;
        if (child.isEmpty()) return parent;
        if (child.startsWith("/")) return parent.equals("/") ? child : parent + child;
        return parent.equals("/") ? "/" + child : parent + "/" + child;
    }

    /** Collapses repeated slashes and drops a trailing one (the root stays "/"). */
    static String normalize(String p) {
        StringBuilder sb = new StringBuilder(p.length());
        char prev = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '/' && prev == '/') continue;
            sb.append(c);
            prev = c;
        }
        if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    public String getName() { return path.substring(path.lastIndexOf('/') + 1); }
    public String getPath() { return path; }

    public String getParent() {
        int index = path.lastIndexOf('/');
        int prefix = path.startsWith("/") ? 1 : 0;
        if (index < prefix) {
            if (prefix > 0 && path.length() > prefix) return path.substring(0, prefix);
            return null;
        }
        return path.substring(0, index);
    }

    public File getParentFile() {
        String p = getParent();
        return p == null ? null : new File(p);
    }

    public boolean isAbsolute() { return path.startsWith("/"); }

    public String getAbsolutePath() {
        if (isAbsolute()) return path;
        String cwd = FileSystemNatives.cwd();
        return path.isEmpty() ? cwd : join(cwd, path);
    }

    public File getAbsoluteFile() { return new File(getAbsolutePath()); }

    /** The absolute path with "." and ".." resolved (symbolic links are not followed). */
    public String getCanonicalPath() throws IOException {
        ArrayList<String> parts = new ArrayList<>();
        for (String part : getAbsolutePath().split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    public File getCanonicalFile() throws IOException { return new File(getCanonicalPath()); }

    private int stat() { return path.isEmpty() ? 0 : FileSystemNatives.stat(path); }

    public boolean exists() { return (stat() & FileSystemNatives.EXISTS) != 0; }
    public boolean isFile() { return (stat() & FileSystemNatives.FILE) != 0; }
    public boolean isDirectory() { return (stat() & FileSystemNatives.DIRECTORY) != 0; }
    public boolean isHidden() { return getName().startsWith("."); }
    public boolean canRead() { return (stat() & FileSystemNatives.READABLE) != 0; }
    public boolean canWrite() { return (stat() & FileSystemNatives.WRITABLE) != 0; }
    public boolean canExecute() { return isDirectory(); }
    public long length() { return isFile() ? FileSystemNatives.size(path) : 0L; }
    public long lastModified() { return exists() ? FileSystemNatives.lastModified(path) : 0L; }

    public String[] list() {
        if (path.isEmpty()) return null;
        try {
            return FileSystemNatives.list(path);
        } catch (FsFailure e) {
            return null;
        }
    }

    public File[] listFiles() {
        String[] names = list();
        if (names == null) return null;
        File[] files = new File[names.length];
        for (int i = 0; i < names.length; i++) files[i] = new File(this, names[i]);
        return files;
    }

    public boolean delete() {
        try {
            FileSystemNatives.delete(path);
            return true;
        } catch (FsFailure e) {
            return false;
        }
    }

    public void deleteOnExit() { }

    public boolean mkdir() {
        try {
            FileSystemNatives.mkdir(path);
            return true;
        } catch (FsFailure e) {
            return false;
        }
    }

    public boolean mkdirs() {
        if (exists()) return false;
        if (mkdir()) return true;
        File canonFile;
        try {
            canonFile = getCanonicalFile();
        } catch (IOException e) {
            return false;
        }
        File parent = canonFile.getParentFile();
        return parent != null && (parent.mkdirs() || parent.exists()) && canonFile.mkdir();
    }

    public boolean createNewFile() throws IOException {
        try {
            FileSystemNatives.createNew(path);
            return true;
        } catch (FsFailure e) {
            if (e.kind == FsFailure.EXISTS) return false;
            throw new IOException(e.reason);
        }
    }

    public boolean renameTo(File dest) {
        if (dest == null) throw new NullPointerException();
        try {
            FileSystemNatives.rename(path, dest.path);
            return true;
        } catch (FsFailure e) {
            return false;
        }
    }

    public static File createTempFile(String prefix, String suffix) throws IOException {
        return createTempFile(prefix, suffix, null);
    }

    public static File createTempFile(String prefix, String suffix, File directory) throws IOException {
        if (prefix.length() < 3) throw new IllegalArgumentException("Prefix string \"" + prefix + "\" too short: length must be at least 3");
        String dir = directory == null ? System.getProperty("java.io.tmpdir") : directory.getPath();
        java.security.SecureRandom random = new java.security.SecureRandom();
        while (true) {
            File f = new File(dir, prefix + Long.toUnsignedString(random.nextLong()) + (suffix == null ? ".tmp" : suffix));
            if (f.createNewFile()) return f;
        }
    }

    public Path toPath() { return Path.of(path); }

    /** file:/abs/path (a trailing slash for directories), as the JDK. */
    public java.net.URI toURI() {
        String p = getAbsoluteFile().getPath();
        if (isDirectory() && !p.endsWith("/")) p = p + "/";
        return java.net.URI.create("file:" + p);
    }

    public int compareTo(File other) { return path.compareTo(other.path); }
    public boolean equals(Object obj) { return obj instanceof File && path.equals(((File) obj).path); }
    public int hashCode() { return path.hashCode() ^ 1234321; }
    public String toString() { return path; }
}
