package java.util;

public interface Set<E> extends Collection<E> {
    @SafeVarargs
    static <E> Set<E> of(E... es) { return ofArray(es); }
    @SuppressWarnings("unchecked") static <E> Set<E> of() { return ofArray((Object[]) new Object[] {}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1) { return ofArray((Object[]) new Object[] {e1}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2) { return ofArray((Object[]) new Object[] {e1, e2}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3) { return ofArray((Object[]) new Object[] {e1, e2, e3}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8, e9}); }
    @SuppressWarnings("unchecked") static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9, E e10) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8, e9, e10}); }
    @SuppressWarnings("unchecked")
    private static <E> Set<E> ofArray(Object[] es0) {
        E[] es = (E[]) es0;
        HashSet<E> s = new HashSet<>();
        for (E e : es) if (!s.add(Objects.requireNonNull(e))) throw new IllegalArgumentException("duplicate element: " + e);
        return Collections.unmodifiableSet(s);
    }
    static <E> Set<E> copyOf(Collection<? extends E> c) {
        HashSet<E> s = new HashSet<>();
        for (E e : c) s.add(Objects.requireNonNull(e));
        return Collections.unmodifiableSet(s);
    }
}
