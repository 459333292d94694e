package java.lang;

/** Class mirrors: names and type tests; reflection is not supported yet. */
public final class Class<T> implements java.io.Serializable {
    private Class() {}
    public native String getName();
    public native boolean isInterface();
    public native boolean isArray();
    public native boolean isInstance(Object o);
    public native boolean isAssignableFrom(Class<?> c);
    public native Class<? super T> getSuperclass();
    native Object[] getEnumConstants0();
    public String getSimpleName() {
        String n = getName();
        if (isArray()) return "[]";
        int i = Math.max(n.lastIndexOf('.'), n.lastIndexOf('$'));
        return n.substring(i + 1);
    }
    public String getTypeName() { return getName(); }
    public String getCanonicalName() { return getName().replace('$', '.'); }
    public String getPackageName() { int i = getName().lastIndexOf('.'); return i < 0 ? "" : getName().substring(0, i); }
    public boolean isEnum() { return getSuperclass() == Enum.class; }
    public boolean isRecord() { return getSuperclass() == Record.class; }
    public boolean isPrimitive() { return false; }
    @SuppressWarnings("unchecked")
    public T cast(Object o) {
        if (o != null && !isInstance(o))
            throw new ClassCastException("Cannot cast " + o.getClass().getName() + " to " + getName());
        return (T) o;
    }
    @SuppressWarnings("unchecked")
    public T[] getEnumConstants() { Object[] v = getEnumConstants0(); return (T[]) v; }
    public boolean desiredAssertionStatus() { return false; }
    public String toString() { return (isInterface() ? "interface " : "class ") + getName(); }
}
