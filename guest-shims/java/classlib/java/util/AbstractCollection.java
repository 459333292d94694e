package java.util;

public abstract class AbstractCollection<E> implements Collection<E> {
    protected AbstractCollection() {}
    public abstract Iterator<E> iterator();
    public abstract int size();
    public boolean isEmpty() { return size() == 0; }
    public boolean contains(Object o) { for (E e : this) if (Objects.equals(o, e)) return true; return false; }
    public Object[] toArray() {
        Object[] r = new Object[size()];
        int i = 0;
        for (E e : this) r[i++] = e;
        return r;
    }
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        int n = size();
        T[] r = a.length >= n ? a : (T[]) Arrays.newArrayLike(a, n);
        int i = 0;
        for (E e : this) r[i++] = (T) e;
        if (r.length > n) r[n] = null;
        return r;
    }
    public boolean add(E e) { throw new UnsupportedOperationException(); }
    public boolean remove(Object o) {
        Iterator<E> it = iterator();
        while (it.hasNext()) if (Objects.equals(o, it.next())) { it.remove(); return true; }
        return false;
    }
    public boolean containsAll(Collection<?> c) { for (Object o : c) if (!contains(o)) return false; return true; }
    public boolean addAll(Collection<? extends E> c) { boolean m = false; for (E e : c) if (add(e)) m = true; return m; }
    public boolean removeAll(Collection<?> c) { return removeIf(e -> c.contains(e)); }
    public boolean retainAll(Collection<?> c) { return removeIf(e -> !c.contains(e)); }
    public void clear() { Iterator<E> it = iterator(); while (it.hasNext()) { it.next(); it.remove(); } }
    public String toString() {
        Iterator<E> it = iterator();
        if (!it.hasNext()) return "[]";
        StringBuilder sb = new StringBuilder("[");
        for (;;) {
            E e = it.next();
            sb.append(e == this ? "(this Collection)" : e);
            if (!it.hasNext()) return sb.append(']').toString();
            sb.append(',').append(' ');
        }
    }
}
