package java.util;

public class IllegalFormatException extends IllegalArgumentException {
    IllegalFormatException() {}
    IllegalFormatException(String s) { super(s); }
}
