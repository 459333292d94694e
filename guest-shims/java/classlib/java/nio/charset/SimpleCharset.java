package java.nio.charset;

final class SimpleCharset extends Charset {
    SimpleCharset(String name) { super(name, null); }
}
