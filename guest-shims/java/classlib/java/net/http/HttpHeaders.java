package java.net.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/** Header names are case-insensitive; map() is ordered case-insensitively, as the JDK's. */
public final class HttpHeaders {
    private final Map<String, List<String>> headers;

    private HttpHeaders(Map<String, List<String>> headers) { this.headers = headers; }

    public static HttpHeaders of(Map<String, List<String>> headerMap, BiPredicate<String, String> filter) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : headerMap.entrySet()) {
            String key = e.getKey().trim();
            for (String value : e.getValue()) {
                if (filter.test(key, value)) map.computeIfAbsent(key, k -> new ArrayList<>()).add(value.trim());
            }
        }
        TreeMap<String, List<String>> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : map.entrySet()) frozen.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
        return new HttpHeaders(Collections.unmodifiableMap(frozen));
    }

    public Optional<String> firstValue(String name) {
        List<String> values = allValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public OptionalLong firstValueAsLong(String name) {
        Optional<String> v = firstValue(name);
        return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get())) : OptionalLong.empty();
    }

    public List<String> allValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    public Map<String, List<String>> map() { return headers; }

    public boolean equals(Object obj) { return obj instanceof HttpHeaders && map().equals(((HttpHeaders) obj).map()); }
    public int hashCode() { return headers.hashCode(); }
    public String toString() { return super.toString() + " { " + map() + " }"; }
}
