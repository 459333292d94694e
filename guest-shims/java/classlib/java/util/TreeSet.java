package java.util;

public class TreeSet<E> extends AbstractSet<E> implements NavigableSet<E>, Cloneable, java.io.Serializable {
    private final TreeMap<E, Object> m;
    public TreeSet() { m = new TreeMap<>(); }
    public TreeSet(Comparator<? super E> c) { m = new TreeMap<>(c); }
    public TreeSet(Collection<? extends E> c) { this(); addAll(c); }
    public Iterator<E> iterator() { return m.keySet().iterator(); }
    public int size() { return m.size(); }
    public boolean contains(Object o) { return m.containsKey(o); }
    public boolean add(E e) { return m.put(e, Boolean.TRUE) == null; }
    public boolean remove(Object o) { return m.remove(o) != null; }
    public void clear() { m.clear(); }
    public E first() { return m.firstKey(); }
    public E last() { return m.lastKey(); }
    public E floor(E e) { return m.floorKey(e); }
    public E ceiling(E e) { return m.ceilingKey(e); }
    public E lower(E e) { return m.lowerKey(e); }
    public E higher(E e) { return m.higherKey(e); }
    public E pollFirst() { Map.Entry<E, Object> e = m.pollFirstEntry(); return e == null ? null : e.getKey(); }
    public E pollLast() { Map.Entry<E, Object> e = m.pollLastEntry(); return e == null ? null : e.getKey(); }
    public NavigableSet<E> descendingSet() { TreeSet<E> s = new TreeSet<>(Collections.reverseOrder(m.comparator())); s.addAll(this); return s; }
}
