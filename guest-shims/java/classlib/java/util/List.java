package java.util;

import java.util.function.UnaryOperator;

public interface List<E> extends Collection<E> {
    E get(int index);
    E set(int index, E element);
    void add(int index, E element);
    E remove(int index);
    int indexOf(Object o);
    int lastIndexOf(Object o);
    List<E> subList(int from, int to);
    default void sort(Comparator<? super E> c) {
        Object[] a = toArray();
        Arrays.sort(a, (Comparator) c);
        for (int i = 0; i < a.length; i++) set(i, (E) a[i]);
    }
    default void replaceAll(UnaryOperator<E> op) { for (int i = 0; i < size(); i++) set(i, op.apply(get(i))); }
    default ListIterator<E> listIterator() { throw new UnsupportedOperationException("listIterator"); }
    @SafeVarargs
    static <E> List<E> of(E... es) { return ofArray(es); }
    @SuppressWarnings("unchecked") static <E> List<E> of() { return ofArray((Object[]) new Object[] {}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1) { return ofArray((Object[]) new Object[] {e1}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2) { return ofArray((Object[]) new Object[] {e1, e2}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3) { return ofArray((Object[]) new Object[] {e1, e2, e3}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5, E e6) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8, e9}); }
    @SuppressWarnings("unchecked") static <E> List<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9, E e10) { return ofArray((Object[]) new Object[] {e1, e2, e3, e4, e5, e6, e7, e8, e9, e10}); }
    @SuppressWarnings("unchecked")
    private static <E> List<E> ofArray(Object[] es0) {
        E[] es = (E[]) es0;
        ArrayList<E> l = new ArrayList<>(es.length);
        for (E e : es) l.add(Objects.requireNonNull(e));
        return Collections.unmodifiableList(l);
    }
    static <E> List<E> copyOf(Collection<? extends E> c) {
        ArrayList<E> l = new ArrayList<>(c.size());
        for (E e : c) l.add(Objects.requireNonNull(e));
        return Collections.unmodifiableList(l);
    }
}
