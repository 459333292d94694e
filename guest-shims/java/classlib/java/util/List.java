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
    static <E> List<E> of(E... es) {
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
