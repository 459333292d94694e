package java.util;

public final class Collections {
    private Collections() {}
    public static <T> List<T> unmodifiableList(List<? extends T> list) { return new UnmodifiableList<>(list); }
    static final class UnmodifiableList<E> extends AbstractList<E> implements RandomAccess {
        final List<? extends E> list;
        UnmodifiableList(List<? extends E> list) { this.list = list; }
        public E get(int i) { return list.get(i); }
        public int size() { return list.size(); }
    }
    public static <T> List<T> emptyList() { return new UnmodifiableList<T>(new ArrayList<T>()); }
    public static <T extends Comparable<? super T>> void sort(List<T> list) { list.sort(null); }
    public static <T> void sort(List<T> list, Comparator<? super T> c) { list.sort(c); }
    public static void reverse(List<?> list) { rev(list); }
    private static <T> void rev(List<T> l) {
        for (int i = 0, j = l.size() - 1; i < j; i++, j--) { T t = l.get(i); l.set(i, l.get(j)); l.set(j, t); }
    }
    public static <T> Comparator<T> reverseOrder() {
        return (a, b) -> ((Comparable<T>) b).compareTo(a);
    }
    @SuppressWarnings("unchecked")
    public static <T> Comparator<T> reverseOrder(Comparator<? super T> c) { return c == null ? reverseOrder() : (Comparator<T>) c.reversed(); }
    public static <T> List<T> singletonList(T o) { ArrayList<T> l = new ArrayList<>(1); l.add(o); return unmodifiableList(l); }
    public static <T> List<T> nCopies(int n, T o) { ArrayList<T> l = new ArrayList<>(n); for (int i = 0; i < n; i++) l.add(o); return unmodifiableList(l); }
    public static <T extends Object & Comparable<? super T>> T max(Collection<? extends T> c) {
        Iterator<? extends T> it = c.iterator(); T best = it.next();
        while (it.hasNext()) { T t = it.next(); if (t.compareTo(best) > 0) best = t; }
        return best;
    }
    public static <T extends Object & Comparable<? super T>> T min(Collection<? extends T> c) {
        Iterator<? extends T> it = c.iterator(); T best = it.next();
        while (it.hasNext()) { T t = it.next(); if (t.compareTo(best) < 0) best = t; }
        return best;
    }
    @SafeVarargs
    public static <T> boolean addAll(Collection<? super T> c, T... es) { boolean m = false; for (T e : es) m |= c.add(e); return m; }
    public static int frequency(Collection<?> c, Object o) { int n = 0; for (Object e : c) if (Objects.equals(o, e)) n++; return n; }
    public static void swap(List<?> list, int i, int j) { swap0(list, i, j); }
    private static Random shuffleRandom;
    public static void shuffle(List<?> list) {
        if (shuffleRandom == null) shuffleRandom = new Random();
        shuffle(list, shuffleRandom);
    }
    /** The JDK's walk (from the end, swapping with rnd.nextInt(i)), so a seeded Random gives its order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void shuffle(List<?> list, Random rnd) {
        int size = list.size();
        if (size < 5 || list instanceof RandomAccess) {
            for (int i = size; i > 1; i--) swap0(list, i - 1, rnd.nextInt(i));
        } else {
            Object[] arr = list.toArray();
            for (int i = size; i > 1; i--) { Object t = arr[i - 1]; int j = rnd.nextInt(i); arr[i - 1] = arr[j]; arr[j] = t; }
            ListIterator it = list.listIterator();
            for (Object e : arr) { it.next(); it.set(e); }
        }
    }
    private static <T> void swap0(List<T> l, int i, int j) { T t = l.get(i); l.set(i, l.get(j)); l.set(j, t); }

    public static <K, V> Map<K, V> unmodifiableMap(Map<? extends K, ? extends V> m) { return new UnmodifiableMap<>(m); }
    static final class UnmodifiableMap<K, V> extends AbstractMap<K, V> {
        final Map<? extends K, ? extends V> m;
        UnmodifiableMap(Map<? extends K, ? extends V> m) { this.m = m; }
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Set<Map.Entry<K, V>> entrySet() { return unmodifiableSet((Set) m.entrySet()); }
        public V get(Object k) { return m.get(k); }
        public boolean containsKey(Object k) { return m.containsKey(k); }
        public int size() { return m.size(); }
    }
    public static <T> Set<T> unmodifiableSet(Set<? extends T> s) { return new UnmodifiableSet<>(s); }
    static final class UnmodifiableSet<E> extends AbstractSet<E> {
        final Set<? extends E> s;
        UnmodifiableSet(Set<? extends E> s) { this.s = s; }
        @SuppressWarnings("unchecked")
        public Iterator<E> iterator() {
            Iterator<? extends E> it = s.iterator();
            return new Iterator<E>() {
                public boolean hasNext() { return it.hasNext(); }
                public E next() { return it.next(); }
            };
        }
        public int size() { return s.size(); }
        public boolean contains(Object o) { return s.contains(o); }
    }
    public static <K, V> Map<K, V> emptyMap() { return unmodifiableMap(new HashMap<K, V>()); }
    public static <T> Set<T> emptySet() { return unmodifiableSet(new HashSet<T>()); }
    public static <T> Set<T> singleton(T o) { HashSet<T> s = new HashSet<>(); s.add(o); return unmodifiableSet(s); }
    public static <K, V> Map<K, V> singletonMap(K k, V v) { HashMap<K, V> m = new HashMap<>(); m.put(k, v); return unmodifiableMap(m); }
}
