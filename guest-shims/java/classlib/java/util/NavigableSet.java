package java.util;

public interface NavigableSet<E> extends SortedSet<E> {
    E floor(E e);
    E ceiling(E e);
    E lower(E e);
    E higher(E e);
    E pollFirst();
    E pollLast();
    NavigableSet<E> descendingSet();
}
