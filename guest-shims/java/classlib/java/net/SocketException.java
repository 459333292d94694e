package java.net;

public class SocketException extends java.io.IOException {
    public SocketException() { super(); }
    public SocketException(String msg) { super(msg); }
    public SocketException(String msg, Throwable cause) { super(msg, cause); }
}
