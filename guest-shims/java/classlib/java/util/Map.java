package java.util;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

public interface Map<K, V> {
    int size();
    boolean isEmpty();
    boolean containsKey(Object key);
    boolean containsValue(Object value);
    V get(Object key);
    V put(K key, V value);
    V remove(Object key);
    void putAll(Map<? extends K, ? extends V> m);
    void clear();
    Set<K> keySet();
    Collection<V> values();
    Set<Map.Entry<K, V>> entrySet();

    interface Entry<K, V> {
        K getKey();
        V getValue();
        V setValue(V value);
        static <K extends Comparable<? super K>, V> Comparator<Map.Entry<K, V>> comparingByKey() { return (a, b) -> a.getKey().compareTo(b.getKey()); }
        static <K, V extends Comparable<? super V>> Comparator<Map.Entry<K, V>> comparingByValue() { return (a, b) -> a.getValue().compareTo(b.getValue()); }
    }

    default V getOrDefault(Object key, V def) { V v = get(key); return (v != null || containsKey(key)) ? v : def; }
    default void forEach(BiConsumer<? super K, ? super V> action) { for (Map.Entry<K, V> e : entrySet()) action.accept(e.getKey(), e.getValue()); }
    default V putIfAbsent(K key, V value) { V v = get(key); if (v == null) v = put(key, value); return v; }
    default boolean remove(Object key, Object value) {
        Object cur = get(key);
        if (!Objects.equals(cur, value) || (cur == null && !containsKey(key))) return false;
        remove(key);
        return true;
    }
    default V replace(K key, V value) { return containsKey(key) ? put(key, value) : null; }
    default V computeIfAbsent(K key, Function<? super K, ? extends V> f) {
        V v = get(key);
        if (v == null) { v = f.apply(key); if (v != null) put(key, v); }
        return v;
    }
    default V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        V old = get(key);
        if (old == null) return null;
        V v = f.apply(key, old);
        if (v == null) remove(key); else put(key, v);
        return v;
    }
    default V compute(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        V old = get(key);
        V v = f.apply(key, old);
        if (v == null) { if (old != null || containsKey(key)) remove(key); return null; }
        put(key, v);
        return v;
    }
    default V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        V old = get(key);
        V v = old == null ? value : f.apply(old, value);
        if (v == null) remove(key); else put(key, v);
        return v;
    }
    default void replaceAll(BiFunction<? super K, ? super V, ? extends V> f) { for (Map.Entry<K, V> e : entrySet()) e.setValue(f.apply(e.getKey(), e.getValue())); }

    static <K, V> Map<K, V> of() { return Collections.unmodifiableMap(new HashMap<K, V>()); }
    static <K, V> Map<K, V> of(K k1, V v1) { return ofPairs(k1, v1); }
    static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2) { return ofPairs(k1, v1, k2, v2); }
    static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3) { return ofPairs(k1, v1, k2, v2, k3, v3); }
    static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4) { return ofPairs(k1, v1, k2, v2, k3, v3, k4, v4); }
    static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5) { return ofPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5); }
    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> ofPairs(Object... kv) {
        // Note: the JDK's Map.of iteration order is randomised per JVM run (SALT); this uses HashMap order.
        HashMap<K, V> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (m.put((K) Objects.requireNonNull(kv[i]), (V) Objects.requireNonNull(kv[i + 1])) != null)
                throw new IllegalArgumentException("duplicate key: " + kv[i]);
        }
        return Collections.unmodifiableMap(m);
    }
    static <K, V> Map.Entry<K, V> entry(K k, V v) { return new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(k), Objects.requireNonNull(v)); }
}
