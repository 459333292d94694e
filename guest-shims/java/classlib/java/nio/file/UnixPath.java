package java.nio.file;

import java.io.FileSystemNatives;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The Path of the sandbox's one file system: a normalized Unix path string. */
final class UnixPath implements Path {
    private final String path;
    private String[] names;

    private UnixPath(String normalized) { this.path = normalized; }

    static UnixPath of(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String segment : more) {
            if (segment.isEmpty()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(segment);
        }
        return new UnixPath(normalizeAndCheck(sb.toString()));
    }

    /** Drops repeated and trailing slashes; NUL is refused as the JDK refuses it. */
    private static String normalizeAndCheck(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        char prev = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '\u0000') throw new InvalidPathException(input, "Nul character not allowed");
            if (c == '/' && prev == '/') continue;
            sb.append(c);
            prev = c;
        }
        if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private String[] names() {
        if (names == null) {
            if (path.isEmpty()) {
                names = new String[] {""};
            } else {
                List<String> parts = new ArrayList<>();
                for (String p : path.split("/")) if (!p.isEmpty()) parts.add(p);
                names = parts.toArray(new String[0]);
            }
        }
        return names;
    }

    private static UnixPath join(String[] parts, int from, int to, boolean absolute) {
        StringBuilder sb = new StringBuilder(absolute ? "/" : "");
        for (int i = from; i < to; i++) {
            if (i > from) sb.append('/');
            sb.append(parts[i]);
        }
        return new UnixPath(sb.toString());
    }

    public boolean isAbsolute() { return path.startsWith("/"); }
    public Path getRoot() { return isAbsolute() ? new UnixPath("/") : null; }

    public Path getFileName() {
        if (path.isEmpty()) return this;
        if (path.equals("/")) return null;
        return new UnixPath(path.substring(path.lastIndexOf('/') + 1));
    }

    public Path getParent() {
        int count = getNameCount();
        if (count == 0 || path.isEmpty()) return null;
        if (count == 1) return isAbsolute() ? getRoot() : null;
        return join(names(), 0, count - 1, isAbsolute());
    }

    public int getNameCount() { return path.equals("/") ? 0 : names().length; }

    public Path getName(int index) {
        if (index < 0 || index >= getNameCount()) throw new IllegalArgumentException();
        return new UnixPath(names()[index]);
    }

    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || beginIndex >= getNameCount() || endIndex > getNameCount() || beginIndex >= endIndex) throw new IllegalArgumentException();
        return join(names(), beginIndex, endIndex, false);
    }

    public boolean startsWith(Path other) {
        UnixPath o = (UnixPath) other;
        if (o.isAbsolute() != isAbsolute()) return false;
        int n = o.getNameCount();
        if (n > getNameCount()) return false;
        if (n == 0) return isAbsolute() || (path.isEmpty() && o.path.isEmpty());
        for (int i = 0; i < n; i++) if (!names()[i].equals(o.names()[i])) return false;
        return true;
    }

    public boolean endsWith(Path other) {
        UnixPath o = (UnixPath) other;
        if (o.isAbsolute()) return equals(o);
        int n = o.getNameCount(), m = getNameCount();
        if (n > m) return false;
        if (o.path.isEmpty()) return path.isEmpty();
        for (int i = 0; i < n; i++) if (!names()[m - n + i].equals(o.names()[i])) return false;
        return true;
    }

    public Path normalize() {
        List<String> out = new ArrayList<>();
        boolean absolute = isAbsolute();
        for (String name : names()) {
            if (name.equals(".") || name.isEmpty()) continue;
            if (name.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (absolute) continue;
            }
            out.add(name);
        }
        return join(out.toArray(new String[0]), 0, out.size(), absolute);
    }

    public Path resolve(Path other) {
        UnixPath o = (UnixPath) other;
        if (o.isAbsolute()) return o;
        if (o.path.isEmpty()) return this;
        if (path.isEmpty()) return o;
        return new UnixPath(path.equals("/") ? "/" + o.path : path + "/" + o.path);
    }

    public Path relativize(Path other) {
        UnixPath o = (UnixPath) other;
        if (o.equals(this)) return new UnixPath("");
        if (isAbsolute() != o.isAbsolute()) throw new IllegalArgumentException("'other' is different type of Path");
        if (path.isEmpty()) return o;
        String[] a = path.equals("/") ? new String[0] : names();
        String[] b = o.path.equals("/") || o.path.isEmpty() ? new String[0] : o.names();
        int common = 0;
        while (common < a.length && common < b.length && a[common].equals(b[common])) common++;
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < a.length; i++) sb.append(sb.length() > 0 ? "/.." : "..");
        for (int i = common; i < b.length; i++) {
            if (sb.length() > 0) sb.append('/');
            sb.append(b[i]);
        }
        return new UnixPath(sb.toString());
    }

    public Path toAbsolutePath() {
        if (isAbsolute()) return this;
        String cwd = FileSystemNatives.cwd();
        return new UnixPath(path.isEmpty() ? cwd : (cwd.equals("/") ? "/" + path : cwd + "/" + path));
    }

    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        Path real = toAbsolutePath().normalize();
        if (!Files.exists(real)) throw new NoSuchFileException(path);
        return real;
    }

    public Iterator<Path> iterator() {
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < getNameCount(); i++) parts.add(getName(i));
        return parts.iterator();
    }

    public int compareTo(Path other) { return path.compareTo(((UnixPath) other).path); }
    public boolean equals(Object other) { return other instanceof UnixPath && ((UnixPath) other).path.equals(path); }
    public int hashCode() { return path.hashCode(); }
    public String toString() { return path; }
}
