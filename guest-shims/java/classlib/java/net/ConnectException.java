package java.net;

public class ConnectException extends SocketException {
    public ConnectException() { super(); }
    public ConnectException(String msg) { super(msg); }
}
