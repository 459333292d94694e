package java.util;

public abstract class AbstractList<E> extends AbstractCollection<E> implements List<E> {
    protected transient int modCount = 0;
    protected AbstractList() {}
    public abstract E get(int index);
    public boolean add(E e) { add(size(), e); return true; }
    public E set(int index, E e) { throw new UnsupportedOperationException(); }
    public void add(int index, E e) { throw new UnsupportedOperationException(); }
    public E remove(int index) { throw new UnsupportedOperationException(); }
    public void clear() { for (int i = size() - 1; i >= 0; i--) remove(i); }
    public int indexOf(Object o) { for (int i = 0; i < size(); i++) if (Objects.equals(o, get(i))) return i; return -1; }
    public int lastIndexOf(Object o) { for (int i = size() - 1; i >= 0; i--) if (Objects.equals(o, get(i))) return i; return -1; }
    public Iterator<E> iterator() {
        return new Iterator<E>() {
            int cursor = 0, last = -1, expected = modCount;
            public boolean hasNext() { return cursor != size(); }
            public E next() {
                if (modCount != expected) throw new ConcurrentModificationException();
                if (cursor >= size()) throw new NoSuchElementException();
                last = cursor;
                return get(cursor++);
            }
            public void remove() {
                if (last < 0) throw new IllegalStateException();
                if (modCount != expected) throw new ConcurrentModificationException();
                AbstractList.this.remove(last);
                cursor = last;
                last = -1;
                expected = modCount;
            }
        };
    }
    public List<E> subList(int from, int to) {
        if (from < 0 || to > size() || from > to) throw new IndexOutOfBoundsException("fromIndex: " + from + ", toIndex: " + to + ", size: " + size());
        ArrayList<E> l = new ArrayList<>();
        for (int i = from; i < to; i++) l.add(get(i));
        return l;
    }
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof List)) return false;
        Iterator<E> a = iterator();
        Iterator<?> b = ((List<?>) o).iterator();
        while (a.hasNext() && b.hasNext()) if (!Objects.equals(a.next(), b.next())) return false;
        return !(a.hasNext() || b.hasNext());
    }
    public int hashCode() { int h = 1; for (E e : this) h = 31 * h + (e == null ? 0 : e.hashCode()); return h; }
}
