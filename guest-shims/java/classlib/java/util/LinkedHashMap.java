package java.util;

/** HashMap plus a doubly linked list in insertion (or access) order. */
public class LinkedHashMap<K, V> extends HashMap<K, V> implements Map<K, V> {
    transient HashMap.Node<K, V> head, tail;
    final boolean accessOrder;

    public LinkedHashMap() { super(); accessOrder = false; }
    public LinkedHashMap(int initialCapacity) { super(initialCapacity); accessOrder = false; }
    public LinkedHashMap(int initialCapacity, float loadFactor) { super(initialCapacity, loadFactor); accessOrder = false; }
    public LinkedHashMap(int initialCapacity, float loadFactor, boolean accessOrder) { super(initialCapacity, loadFactor); this.accessOrder = accessOrder; }
    public LinkedHashMap(Map<? extends K, ? extends V> m) { super(); accessOrder = false; putAll(m); }

    private void link(HashMap.Node<K, V> e) {
        e.before = tail;
        e.after = null;
        if (tail == null) head = e; else tail.after = e;
        tail = e;
    }
    private void unlink(HashMap.Node<K, V> e) {
        if (e.before == null) head = e.after; else e.before.after = e.after;
        if (e.after == null) tail = e.before; else e.after.before = e.before;
        e.before = e.after = null;
    }
    void afterInsert(HashMap.Node<K, V> e) {
        link(e);
        if (head != null && removeEldestEntry(head)) remove(head.key);
    }
    void afterRemove(HashMap.Node<K, V> e) { unlink(e); }
    void afterAccess(HashMap.Node<K, V> e) { if (accessOrder && tail != e) { unlink(e); link(e); modCount++; } }
    void clearLinks() { head = tail = null; }
    public V get(Object key) {
        HashMap.Node<K, V> e = getNode(key);
        if (e == null) return null;
        afterAccess(e);
        return e.value;
    }
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) { return false; }

    Iterator<HashMap.Node<K, V>> nodeIterator() {
        return new Iterator<HashMap.Node<K, V>>() {
            HashMap.Node<K, V> next = head, current;
            int expected = modCount;
            public boolean hasNext() { return next != null; }
            public HashMap.Node<K, V> next() {
                if (modCount != expected) throw new ConcurrentModificationException();
                if (next == null) throw new NoSuchElementException();
                current = next;
                next = next.after;
                return current;
            }
            public void remove() {
                if (current == null) throw new IllegalStateException();
                LinkedHashMap.this.remove(current.key);
                current = null;
                expected = modCount;
            }
        };
    }
}
