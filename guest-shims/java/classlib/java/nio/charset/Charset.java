package java.nio.charset;

public abstract class Charset implements Comparable<Charset> {
    private final String name;
    protected Charset(String name, String[] aliases) { this.name = name; }
    public final String name() { return name; }
    public String displayName() { return name; }
    public static Charset forName(String name) {
        String n = name.toUpperCase().replace('_', '-');
        if (n.equals("UTF-8") || n.equals("UTF8")) return StandardCharsets.UTF_8;
        if (n.equals("ISO-8859-1") || n.equals("LATIN1")) return StandardCharsets.ISO_8859_1;
        if (n.equals("US-ASCII") || n.equals("ASCII")) return StandardCharsets.US_ASCII;
        throw new UnsupportedCharsetException(name);
    }
    public static Charset defaultCharset() { return StandardCharsets.UTF_8; }
    public final int compareTo(Charset o) { return name.compareToIgnoreCase(o.name); }
    public final String toString() { return name; }
    public final boolean equals(Object o) { return o instanceof Charset && ((Charset) o).name.equals(name); }
    public final int hashCode() { return name.hashCode(); }
}
