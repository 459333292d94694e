package java.util;

/**
 * A sorted map. Observable behaviour (order, navigation, toString) matches the JDK's; the
 * structure is a sorted array list with binary search rather than a red-black tree.
 */
public class TreeMap<K, V> extends AbstractMap<K, V> implements NavigableMap<K, V>, Cloneable, java.io.Serializable {
    private final Comparator<? super K> comparator;
    private final ArrayList<AbstractMap.SimpleEntry<K, V>> entries = new ArrayList<>();
    private int modCount;

    public TreeMap() { comparator = null; }
    public TreeMap(Comparator<? super K> c) { comparator = c; }
    public TreeMap(Map<? extends K, ? extends V> m) { comparator = null; putAll(m); }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int cmp(Object a, Object b) {
        if (comparator != null) return comparator.compare((K) a, (K) b);
        if (a == null || b == null) throw new NullPointerException();
        return ((Comparable) a).compareTo(b);
    }
    /** Index of key, or -(insertion point) - 1. */
    private int find(Object key) {
        int lo = 0, hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = cmp(entries.get(mid).getKey(), key);
            if (c < 0) lo = mid + 1; else if (c > 0) hi = mid - 1; else return mid;
        }
        return -(lo + 1);
    }
    public Comparator<? super K> comparator() { return comparator; }
    public int size() { return entries.size(); }
    public boolean containsKey(Object key) { return find(key) >= 0; }
    public V get(Object key) { int i = find(key); return i >= 0 ? entries.get(i).getValue() : null; }
    public V put(K key, V value) {
        if (entries.isEmpty()) cmp(key, key);
        int i = find(key);
        if (i >= 0) return entries.get(i).setValue(value);
        entries.add(-i - 1, new AbstractMap.SimpleEntry<>(key, value));
        modCount++;
        return null;
    }
    public V remove(Object key) {
        int i = find(key);
        if (i < 0) return null;
        modCount++;
        return entries.remove(i).getValue();
    }
    public void clear() { entries.clear(); modCount++; }
    private Map.Entry<K, V> at(int i) { return i >= 0 && i < entries.size() ? entries.get(i) : null; }
    private K key(Map.Entry<K, V> e) { return e == null ? null : e.getKey(); }
    public K firstKey() { if (entries.isEmpty()) throw new NoSuchElementException(); return entries.get(0).getKey(); }
    public K lastKey() { if (entries.isEmpty()) throw new NoSuchElementException(); return entries.get(entries.size() - 1).getKey(); }
    public Map.Entry<K, V> firstEntry() { return at(0); }
    public Map.Entry<K, V> lastEntry() { return at(entries.size() - 1); }
    public Map.Entry<K, V> floorEntry(K k) { int i = find(k); return at(i >= 0 ? i : -i - 2); }
    public Map.Entry<K, V> ceilingEntry(K k) { int i = find(k); return at(i >= 0 ? i : -i - 1); }
    public K floorKey(K k) { return key(floorEntry(k)); }
    public K ceilingKey(K k) { return key(ceilingEntry(k)); }
    public K lowerKey(K k) { int i = find(k); return key(at(i >= 0 ? i - 1 : -i - 2)); }
    public K higherKey(K k) { int i = find(k); return key(at(i >= 0 ? i + 1 : -i - 1)); }
    public Map.Entry<K, V> pollFirstEntry() { return entries.isEmpty() ? null : entries.remove(0); }
    public Map.Entry<K, V> pollLastEntry() { return entries.isEmpty() ? null : entries.remove(entries.size() - 1); }
    public NavigableMap<K, V> descendingMap() {
        TreeMap<K, V> m = new TreeMap<>(Collections.reverseOrder(comparator));
        m.putAll(this);
        return m;
    }
    public NavigableMap<K, V> headMap(K to, boolean inclusive) {
        TreeMap<K, V> m = new TreeMap<>(comparator);
        for (Map.Entry<K, V> e : entries) { int c = cmp(e.getKey(), to); if (c < 0 || (inclusive && c == 0)) m.put(e.getKey(), e.getValue()); }
        return m;
    }
    public NavigableMap<K, V> tailMap(K from, boolean inclusive) {
        TreeMap<K, V> m = new TreeMap<>(comparator);
        for (Map.Entry<K, V> e : entries) { int c = cmp(e.getKey(), from); if (c > 0 || (inclusive && c == 0)) m.put(e.getKey(), e.getValue()); }
        return m;
    }
    public SortedMap<K, V> headMap(K to) { return headMap(to, false); }
    public SortedMap<K, V> tailMap(K from) { return tailMap(from, true); }
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<Map.Entry<K, V>>() {
            public Iterator<Map.Entry<K, V>> iterator() {
                Iterator<AbstractMap.SimpleEntry<K, V>> it = entries.iterator();
                return new Iterator<Map.Entry<K, V>>() {
                    public boolean hasNext() { return it.hasNext(); }
                    public Map.Entry<K, V> next() { return it.next(); }
                    public void remove() { it.remove(); modCount++; }
                };
            }
            public int size() { return entries.size(); }
        };
    }
    public Object clone() { TreeMap<K, V> m = new TreeMap<>(comparator); m.putAll(this); return m; }
}
