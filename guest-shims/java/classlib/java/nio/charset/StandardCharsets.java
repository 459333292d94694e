package java.nio.charset;

public final class StandardCharsets {
    private StandardCharsets() {}
    public static final Charset UTF_8 = new SimpleCharset("UTF-8");
    public static final Charset ISO_8859_1 = new SimpleCharset("ISO-8859-1");
    public static final Charset US_ASCII = new SimpleCharset("US-ASCII");
    public static final Charset UTF_16 = new SimpleCharset("UTF-16");
}
