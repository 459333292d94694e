package java.util;

public class LinkedList<E> extends AbstractList<E> implements List<E>, Deque<E>, Cloneable, java.io.Serializable {
    private static final class Node<E> { E item; Node<E> prev, next; Node(Node<E> p, E e, Node<E> n) { prev = p; item = e; next = n; } }
    private Node<E> first, last;
    private int size;

    public LinkedList() {}
    public LinkedList(Collection<? extends E> c) { addAll(c); }
    private Node<E> node(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("Index: " + i + ", Size: " + size);
        Node<E> x;
        if (i < (size >> 1)) { x = first; for (int k = 0; k < i; k++) x = x.next; }
        else { x = last; for (int k = size - 1; k > i; k--) x = x.prev; }
        return x;
    }
    private void linkBefore(E e, Node<E> succ) {
        Node<E> pred = succ == null ? last : succ.prev;
        Node<E> n = new Node<>(pred, e, succ);
        if (succ == null) last = n; else succ.prev = n;
        if (pred == null) first = n; else pred.next = n;
        size++;
        modCount++;
    }
    private E unlink(Node<E> x) {
        if (x.prev == null) first = x.next; else x.prev.next = x.next;
        if (x.next == null) last = x.prev; else x.next.prev = x.prev;
        size--;
        modCount++;
        return x.item;
    }
    public int size() { return size; }
    public E get(int i) { return node(i).item; }
    public E set(int i, E e) { Node<E> n = node(i); E old = n.item; n.item = e; return old; }
    public void add(int i, E e) { if (i == size) linkBefore(e, null); else linkBefore(e, node(i)); }
    public boolean add(E e) { linkBefore(e, null); return true; }
    public E remove(int i) { return unlink(node(i)); }
    public void addFirst(E e) { linkBefore(e, first); }
    public void addLast(E e) { linkBefore(e, null); }
    public boolean offerFirst(E e) { addFirst(e); return true; }
    public boolean offerLast(E e) { addLast(e); return true; }
    public E removeFirst() { if (first == null) throw new NoSuchElementException(); return unlink(first); }
    public E removeLast() { if (last == null) throw new NoSuchElementException(); return unlink(last); }
    public E pollFirst() { return first == null ? null : unlink(first); }
    public E pollLast() { return last == null ? null : unlink(last); }
    public E getFirst() { if (first == null) throw new NoSuchElementException(); return first.item; }
    public E getLast() { if (last == null) throw new NoSuchElementException(); return last.item; }
    public E peekFirst() { return first == null ? null : first.item; }
    public E peekLast() { return last == null ? null : last.item; }
    public boolean offer(E e) { return add(e); }
    public E remove() { return removeFirst(); }
    public E poll() { return pollFirst(); }
    public E element() { return getFirst(); }
    public E peek() { return peekFirst(); }
    public void push(E e) { addFirst(e); }
    public E pop() { return removeFirst(); }
    public Iterator<E> descendingIterator() {
        return new Iterator<E>() {
            Node<E> n = last;
            public boolean hasNext() { return n != null; }
            public E next() { if (n == null) throw new NoSuchElementException(); E e = n.item; n = n.prev; return e; }
        };
    }
}
