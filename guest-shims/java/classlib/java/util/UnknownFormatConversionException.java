package java.util;

public class UnknownFormatConversionException extends IllegalFormatException {
    private final String s;
    public UnknownFormatConversionException(String s) { this.s = s; }
    public String getMessage() { return "Conversion = '" + s + "'"; }
}
