package java.lang;

public abstract class ClassLoader {
    protected ClassLoader() {}
}
