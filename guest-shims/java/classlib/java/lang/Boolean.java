package java.lang;

public final class Boolean implements java.io.Serializable, Comparable<Boolean> {
    public static final Boolean TRUE = new Boolean(true);
    public static final Boolean FALSE = new Boolean(false);
    private final boolean value;

    @Deprecated
    public Boolean(boolean value) { this.value = value; }
    public static Boolean valueOf(boolean b) { return b ? TRUE : FALSE; }
    public static Boolean valueOf(String s) { return parseBoolean(s) ? TRUE : FALSE; }
    public static boolean parseBoolean(String s) { return "true".equalsIgnoreCase(s); }
    public static String toString(boolean b) { return b ? "true" : "false"; }
    public static int hashCode(boolean b) { return b ? 1231 : 1237; }
    public static int compare(boolean a, boolean b) { return (a == b) ? 0 : (a ? 1 : -1); }
    public static boolean logicalAnd(boolean a, boolean b) { return a && b; }
    public static boolean logicalOr(boolean a, boolean b) { return a || b; }
    public static boolean logicalXor(boolean a, boolean b) { return a ^ b; }
    public boolean booleanValue() { return value; }
    public int hashCode() { return hashCode(value); }
    public boolean equals(Object o) { return o instanceof Boolean && ((Boolean) o).value == value; }
    public String toString() { return toString(value); }
    public int compareTo(Boolean o) { return compare(value, o.value); }
}
