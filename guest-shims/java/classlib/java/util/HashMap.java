package java.util;

/**
 * Separate chaining with the JDK's observable behaviour: hash spreading (h ^ h>>>16),
 * power-of-two tables, 0.75 load factor, tail insertion and order-preserving lo/hi splits on
 * resize, so iteration order equals HotSpot's (bins are never treeified; a treeified JDK bin
 * keeps the same `next` order for iteration).
 */
public class HashMap<K, V> extends AbstractMap<K, V> implements Map<K, V>, Cloneable, java.io.Serializable {
    static class Node<K, V> implements Map.Entry<K, V> {
        final int hash;
        final K key;
        V value;
        Node<K, V> next;
        Node<K, V> before, after;
        Node(int hash, K key, V value) { this.hash = hash; this.key = key; this.value = value; }
        public final K getKey() { return key; }
        public final V getValue() { return value; }
        public final V setValue(V v) { V old = value; value = v; return old; }
        public final boolean equals(Object o) {
            return o instanceof Map.Entry && Objects.equals(key, ((Map.Entry<?, ?>) o).getKey()) && Objects.equals(value, ((Map.Entry<?, ?>) o).getValue());
        }
        public final int hashCode() { return Objects.hashCode(key) ^ Objects.hashCode(value); }
        public final String toString() { return key + "=" + value; }
    }

    Node<K, V>[] table;
    int size;
    int threshold;
    final float loadFactor;
    int modCount;

    public HashMap() { loadFactor = 0.75f; }
    public HashMap(int initialCapacity) { this(initialCapacity, 0.75f); }
    public HashMap(int initialCapacity, float loadFactor) {
        if (initialCapacity < 0) throw new IllegalArgumentException("Illegal initial capacity: " + initialCapacity);
        this.loadFactor = loadFactor;
        this.threshold = tableSizeFor(initialCapacity);
    }
    public HashMap(Map<? extends K, ? extends V> m) {
        loadFactor = 0.75f;
        int s = m.size();
        if (s > 0) {
            float ft = ((float) s / loadFactor) + 1.0F;
            threshold = tableSizeFor((int) ft);
        }
        putAll(m);
    }
    static int tableSizeFor(int cap) {
        int n = -1 >>> Integer.numberOfLeadingZeros(cap - 1);
        return (n < 0) ? 1 : (n >= (1 << 30)) ? (1 << 30) : n + 1;
    }
    static int hash(Object key) { int h; return (key == null) ? 0 : (h = key.hashCode()) ^ (h >>> 16); }

    @SuppressWarnings("unchecked")
    final Node<K, V>[] resize() {
        Node<K, V>[] oldTab = table;
        int oldCap = (oldTab == null) ? 0 : oldTab.length;
        int oldThr = threshold;
        int newCap, newThr = 0;
        if (oldCap > 0) {
            newCap = oldCap << 1;
            newThr = oldThr << 1;
        } else if (oldThr > 0) {
            newCap = oldThr;
        } else {
            newCap = 16;
            newThr = 12;
        }
        if (newThr == 0) newThr = (int) (newCap * loadFactor);
        threshold = newThr;
        Node<K, V>[] newTab = (Node<K, V>[]) new Node[newCap];
        table = newTab;
        if (oldTab != null) {
            for (int j = 0; j < oldCap; ++j) {
                Node<K, V> e = oldTab[j];
                if (e == null) continue;
                oldTab[j] = null;
                Node<K, V> loHead = null, loTail = null, hiHead = null, hiTail = null;
                do {
                    Node<K, V> next = e.next;
                    if ((e.hash & oldCap) == 0) {
                        if (loTail == null) loHead = e; else loTail.next = e;
                        loTail = e;
                    } else {
                        if (hiTail == null) hiHead = e; else hiTail.next = e;
                        hiTail = e;
                    }
                    e = next;
                } while (e != null);
                if (loTail != null) { loTail.next = null; newTab[j] = loHead; }
                if (hiTail != null) { hiTail.next = null; newTab[j + oldCap] = hiHead; }
            }
        }
        return newTab;
    }

    final Node<K, V> getNode(Object key) {
        if (table == null) return null;
        int h = hash(key);
        for (Node<K, V> e = table[(table.length - 1) & h]; e != null; e = e.next)
            if (e.hash == h && (e.key == key || (key != null && key.equals(e.key)))) return e;
        return null;
    }
    public V get(Object key) { Node<K, V> e = getNode(key); return e == null ? null : e.value; }
    public boolean containsKey(Object key) { return getNode(key) != null; }
    public int size() { return size; }
    public boolean isEmpty() { return size == 0; }

    Node<K, V> newNode(int hash, K key, V value) { return new Node<>(hash, key, value); }
    void afterAccess(Node<K, V> e) {}
    void afterInsert(Node<K, V> e) {}
    void afterRemove(Node<K, V> e) {}

    public V put(K key, V value) {
        if (table == null) resize();
        int h = hash(key);
        int i = (table.length - 1) & h;
        Node<K, V> p = table[i];
        if (p == null) {
            table[i] = p = newNode(h, key, value);
        } else {
            Node<K, V> last = null;
            for (Node<K, V> e = p; e != null; e = e.next) {
                if (e.hash == h && (e.key == key || (key != null && key.equals(e.key)))) {
                    V old = e.value;
                    e.value = value;
                    afterAccess(e);
                    return old;
                }
                last = e;
            }
            p = last.next = newNode(h, key, value);
        }
        modCount++;
        afterInsert(p);
        if (++size > threshold) resize();
        return null;
    }

    public V remove(Object key) {
        if (table == null) return null;
        int h = hash(key);
        int i = (table.length - 1) & h;
        Node<K, V> prev = null;
        for (Node<K, V> e = table[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && (e.key == key || (key != null && key.equals(e.key)))) {
                if (prev == null) table[i] = e.next; else prev.next = e.next;
                size--;
                modCount++;
                afterRemove(e);
                return e.value;
            }
        }
        return null;
    }
    public void clear() {
        if (table != null && size > 0) { for (int i = 0; i < table.length; i++) table[i] = null; }
        size = 0;
        modCount++;
        clearLinks();
    }
    void clearLinks() {}
    public boolean containsValue(Object v) { for (Map.Entry<K, V> e : entrySet()) if (Objects.equals(v, e.getValue())) return true; return false; }

    /** Iteration over nodes in table order (LinkedHashMap overrides with insertion order). */
    Iterator<Node<K, V>> nodeIterator() {
        return new Iterator<Node<K, V>>() {
            Node<K, V> next, current;
            int index;
            int expected = modCount;
            { advanceFrom(null); }
            void advanceFrom(Node<K, V> e) {
                next = e == null ? null : e.next;
                while (next == null && table != null && index < table.length) next = table[index++];
            }
            public boolean hasNext() { return next != null; }
            public Node<K, V> next() {
                if (modCount != expected) throw new ConcurrentModificationException();
                if (next == null) throw new NoSuchElementException();
                current = next;
                advanceFrom(current);
                return current;
            }
            public void remove() {
                if (current == null) throw new IllegalStateException();
                if (modCount != expected) throw new ConcurrentModificationException();
                HashMap.this.remove(current.key);
                current = null;
                expected = modCount;
            }
        };
    }

    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<Map.Entry<K, V>>() {
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Iterator<Map.Entry<K, V>> iterator() { return (Iterator) nodeIterator(); }
            public int size() { return size; }
            public void clear() { HashMap.this.clear(); }
        };
    }
    public Set<K> keySet() {
        return new AbstractSet<K>() {
            public Iterator<K> iterator() {
                Iterator<Node<K, V>> it = nodeIterator();
                return new Iterator<K>() {
                    public boolean hasNext() { return it.hasNext(); }
                    public K next() { return it.next().key; }
                    public void remove() { it.remove(); }
                };
            }
            public int size() { return size; }
            public boolean contains(Object o) { return containsKey(o); }
            public boolean remove(Object o) { boolean had = containsKey(o); HashMap.this.remove(o); return had; }
            public void clear() { HashMap.this.clear(); }
        };
    }
    public Collection<V> values() {
        return new AbstractCollection<V>() {
            public Iterator<V> iterator() {
                Iterator<Node<K, V>> it = nodeIterator();
                return new Iterator<V>() {
                    public boolean hasNext() { return it.hasNext(); }
                    public V next() { return it.next().value; }
                    public void remove() { it.remove(); }
                };
            }
            public int size() { return size; }
            public void clear() { HashMap.this.clear(); }
        };
    }
    public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
        int mc = modCount;
        Iterator<Node<K, V>> it = nodeIterator();
        while (it.hasNext()) { Node<K, V> e = it.next(); action.accept(e.key, e.value); }
        if (mc != modCount) throw new ConcurrentModificationException();
    }
    public Object clone() { return new HashMap<K, V>(this); }
}
