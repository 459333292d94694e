package java.util;

public class ArrayList<E> extends AbstractList<E> implements List<E>, RandomAccess, Cloneable, java.io.Serializable {
    private Object[] elementData;
    private int size;

    public ArrayList() { elementData = new Object[10]; }
    public ArrayList(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("Illegal Capacity: " + capacity);
        elementData = new Object[Math.max(capacity, 1)];
    }
    public ArrayList(Collection<? extends E> c) { this(c.size()); addAll(c); }
    private void grow(int min) {
        if (min > elementData.length) elementData = Arrays.copyOf(elementData, Math.max(min, elementData.length + (elementData.length >> 1)));
    }
    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("Index " + i + " out of bounds for length " + size);
    }
    public int size() { return size; }
    @SuppressWarnings("unchecked")
    public E get(int i) { check(i); return (E) elementData[i]; }
    @SuppressWarnings("unchecked")
    public E set(int i, E e) { check(i); E old = (E) elementData[i]; elementData[i] = e; return old; }
    public boolean add(E e) { modCount++; grow(size + 1); elementData[size++] = e; return true; }
    public void add(int i, E e) {
        if (i < 0 || i > size) throw new IndexOutOfBoundsException("Index: " + i + ", Size: " + size);
        modCount++;
        grow(size + 1);
        System.arraycopy(elementData, i, elementData, i + 1, size - i);
        elementData[i] = e;
        size++;
    }
    @SuppressWarnings("unchecked")
    public E remove(int i) {
        check(i);
        modCount++;
        E old = (E) elementData[i];
        System.arraycopy(elementData, i + 1, elementData, i, size - i - 1);
        elementData[--size] = null;
        return old;
    }
    public boolean remove(Object o) { int i = indexOf(o); if (i < 0) return false; remove(i); return true; }
    public void clear() { modCount++; for (int i = 0; i < size; i++) elementData[i] = null; size = 0; }
    public boolean addAll(Collection<? extends E> c) {
        Object[] a = c.toArray();
        modCount++;
        grow(size + a.length);
        System.arraycopy(a, 0, elementData, size, a.length);
        size += a.length;
        return a.length != 0;
    }
    public Object[] toArray() { return Arrays.copyOf(elementData, size); }
    public void ensureCapacity(int n) { grow(n); }
    public void trimToSize() {}
    @SuppressWarnings("unchecked")
    public void sort(Comparator<? super E> c) {
        Arrays.sort((E[]) elementData, 0, size, c);
        modCount++;
    }
    public void forEach(java.util.function.Consumer<? super E> action) {
        int expected = modCount;
        for (int i = 0; i < size && modCount == expected; i++) action.accept(get(i));
        if (modCount != expected) throw new ConcurrentModificationException();
    }
    public Object clone() { return new ArrayList<E>(this); }
}
