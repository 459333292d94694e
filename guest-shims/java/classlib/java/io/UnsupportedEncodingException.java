package java.io;

public class UnsupportedEncodingException extends IOException {
    public UnsupportedEncodingException() { super(); }
    public UnsupportedEncodingException(String message) { super(message); }
    public UnsupportedEncodingException(String message, Throwable cause) { super(message, cause); }
    public UnsupportedEncodingException(Throwable cause) { super(cause); }
}
