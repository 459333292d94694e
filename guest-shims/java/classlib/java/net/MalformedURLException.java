package java.net;

public class MalformedURLException extends java.io.IOException {
    public MalformedURLException() { super(); }
    public MalformedURLException(String msg) { super(msg); }
}
