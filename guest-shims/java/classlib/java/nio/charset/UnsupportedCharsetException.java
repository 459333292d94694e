package java.nio.charset;

public class UnsupportedCharsetException extends IllegalArgumentException {
    public UnsupportedCharsetException(String name) { super(name); }
}
