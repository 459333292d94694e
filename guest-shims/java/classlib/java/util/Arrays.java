package java.util;

public final class Arrays {
    private Arrays() {}

    /** A new array with the same component type as {@code a}. */
    static native Object[] newArrayLike(Object[] a, int length);

    @SuppressWarnings("unchecked")
    public static <T> T[] copyOf(T[] a, int n) {
        T[] r = (T[]) newArrayLike(a, n);
        System.arraycopy(a, 0, r, 0, Math.min(n, a.length));
        return r;
    }
    @SuppressWarnings("unchecked")
    public static <T> T[] copyOfRange(T[] a, int from, int to) {
        if (from > to) throw new IllegalArgumentException(from + " > " + to);
        T[] r = (T[]) newArrayLike(a, to - from);
        System.arraycopy(a, from, r, 0, Math.min(a.length - from, to - from));
        return r;
    }
    public static int[] copyOf(int[] a, int n) { int[] r = new int[n]; System.arraycopy(a, 0, r, 0, Math.min(n, a.length)); return r; }
    public static long[] copyOf(long[] a, int n) { long[] r = new long[n]; System.arraycopy(a, 0, r, 0, Math.min(n, a.length)); return r; }
    public static char[] copyOf(char[] a, int n) { char[] r = new char[n]; System.arraycopy(a, 0, r, 0, Math.min(n, a.length)); return r; }
    public static byte[] copyOf(byte[] a, int n) { byte[] r = new byte[n]; System.arraycopy(a, 0, r, 0, Math.min(n, a.length)); return r; }
    public static double[] copyOf(double[] a, int n) { double[] r = new double[n]; System.arraycopy(a, 0, r, 0, Math.min(n, a.length)); return r; }
    public static int[] copyOfRange(int[] a, int from, int to) { int[] r = new int[to - from]; System.arraycopy(a, from, r, 0, Math.min(a.length - from, to - from)); return r; }
    public static char[] copyOfRange(char[] a, int from, int to) { char[] r = new char[to - from]; System.arraycopy(a, from, r, 0, Math.min(a.length - from, to - from)); return r; }
    public static byte[] copyOfRange(byte[] a, int from, int to) { byte[] r = new byte[to - from]; System.arraycopy(a, from, r, 0, Math.min(a.length - from, to - from)); return r; }

    @SafeVarargs
    public static <T> List<T> asList(T... a) { return new ArrayList<>(new ArrayWrapper<>(a)); }
    private static final class ArrayWrapper<T> extends AbstractList<T> {
        final T[] a;
        ArrayWrapper(T[] a) { this.a = a; }
        public T get(int i) { return a[i]; }
        public int size() { return a.length; }
        public Object[] toArray() { return copyOf(a, a.length, Object[].class); }
    }
    static <T> Object[] copyOf(T[] a, int n, Class<?> c) { Object[] r = new Object[n]; System.arraycopy(a, 0, r, 0, n); return r; }

    public static String toString(Object[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(String.valueOf(a[i])); }
        return sb.append(']').toString();
    }
    public static String toString(int[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(byte[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(short[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(float[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(long[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(double[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(char[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static String toString(boolean[] a) {
        if (a == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(a[i]); }
        return sb.append(']').toString();
    }
    public static int hashCode(Object[] a) {
        if (a == null) return 0;
        int h = 1;
        for (Object o : a) h = 31 * h + (o == null ? 0 : o.hashCode());
        return h;
    }
    public static int hashCode(int[] a) { if (a == null) return 0; int h = 1; for (int v : a) h = 31 * h + v; return h; }
    public static boolean equals(Object[] a, Object[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (!Objects.equals(a[i], b[i])) return false;
        return true;
    }
    public static boolean equals(int[] a, int[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }
    public static boolean equals(byte[] a, byte[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }
    public static boolean equals(char[] a, char[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }
    public static boolean equals(long[] a, long[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }
    public static boolean equals(short[] a, short[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }
    public static boolean equals(double[] a, double[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) return false;
        return true;
    }
    public static int hashCode(byte[] a) { if (a == null) return 0; int h = 1; for (byte v : a) h = 31 * h + v; return h; }
    public static void fill(byte[] a, byte v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(int[] a, int v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(long[] a, long v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(char[] a, char v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(boolean[] a, boolean v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(double[] a, double v) { for (int i = 0; i < a.length; i++) a[i] = v; }
    public static void fill(Object[] a, Object v) { for (int i = 0; i < a.length; i++) a[i] = v; }

    // Primitive sorts: results are identical to the JDK's (a sort of primitives is unique).
    public static void sort(int[] a) { sort(a, 0, a.length); }
    public static void sort(int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) { int v = a[i]; int j = i - 1; while (j >= from && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
    }
    public static void sort(long[] a) {
        for (int i = 1; i < a.length; i++) { long v = a[i]; int j = i - 1; while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
    }
    public static void sort(char[] a) {
        for (int i = 1; i < a.length; i++) { char v = a[i]; int j = i - 1; while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
    }
    public static void sort(double[] a) {
        for (int i = 1; i < a.length; i++) { double v = a[i]; int j = i - 1; while (j >= 0 && Double.compare(a[j], v) > 0) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
    }
    public static void sort(Object[] a) { sort(a, 0, a.length, null); }
    public static <T> void sort(T[] a, Comparator<? super T> c) { sort(a, 0, a.length, c); }
    /** Stable merge sort (the JDK's TimSort is stable too, so equal elements keep their order). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> void sort(T[] a, int from, int to, Comparator<? super T> c) {
        if (to - from < 2) return;
        Object[] tmp = new Object[to - from];
        mergeSort(a, tmp, from, to, (Comparator) c);
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mergeSort(Object[] a, Object[] tmp, int lo, int hi, Comparator c) {
        if (hi - lo < 2) return;
        if (hi - lo <= 7) {
            for (int i = lo + 1; i < hi; i++) {
                Object v = a[i];
                int j = i - 1;
                while (j >= lo && cmp(c, a[j], v) > 0) { a[j + 1] = a[j]; j--; }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, c);
        mergeSort(a, tmp, mid, hi, c);
        if (cmp(c, a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, lo, tmp, 0, hi - lo);
        int i = 0, j = mid - lo, k = lo, n = mid - lo, m = hi - lo;
        while (i < n && j < m) a[k++] = cmp(c, tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < n) a[k++] = tmp[i++];
        while (j < m) a[k++] = tmp[j++];
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int cmp(Comparator c, Object x, Object y) {
        return c == null ? ((Comparable) x).compareTo(y) : c.compare(x, y);
    }
    public static int binarySearch(int[] a, int key) {
        int lo = 0, hi = a.length - 1;
        while (lo <= hi) { int mid = (lo + hi) >>> 1; if (a[mid] < key) lo = mid + 1; else if (a[mid] > key) hi = mid - 1; else return mid; }
        return -(lo + 1);
    }
}
