package java.net;

/**
 * A parsed URI reference (RFC 3986 shape: scheme, authority, path, query, fragment). Parsing is
 * lenient about characters the JDK would reject; the parts come back as they were written.
 */
public final class URI implements Comparable<URI>, java.io.Serializable {
    private final String string;
    private String scheme, authority, userInfo, host, path, query, fragment, schemeSpecificPart;
    private int port = -1;

    public URI(String str) throws URISyntaxException {
        if (str == null) throw new NullPointerException();
        this.string = str;
        parse(str);
    }

    public static URI create(String str) {
        try {
            return new URI(str);
        } catch (URISyntaxException x) {
            throw new IllegalArgumentException(x.getMessage(), x);
        }
    }

    private void parse(String s) throws URISyntaxException {
        if (s.isEmpty()) { path = ""; return; }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') throw new URISyntaxException(s, "Illegal character in " + part(s, i), i);
        }
        String rest = s;
        int hash = rest.indexOf('#');
        if (hash >= 0) { fragment = rest.substring(hash + 1); rest = rest.substring(0, hash); }
        int colon = rest.indexOf(':');
        int firstDelimiter = firstOf(rest, "/?");
        if (colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter)) {
            scheme = rest.substring(0, colon);
            if (!Character.isLetter(scheme.charAt(0))) throw new URISyntaxException(s, "Illegal character in scheme name", 0);
            rest = rest.substring(colon + 1);
        } else if (colon == 0) {
            throw new URISyntaxException(s, "Expected scheme name", 0);
        }
        if (scheme != null && !rest.startsWith("/")) {
            // Opaque (mailto:a@b, urn:x:y): no authority, path or query, as the JDK reports.
            if (rest.isEmpty()) throw new URISyntaxException(s, "Expected scheme-specific part", s.length());
            schemeSpecificPart = rest;
            return;
        }
        int q = rest.indexOf('?');
        if (q >= 0) { query = rest.substring(q + 1); rest = rest.substring(0, q); }
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            parseAuthority(s);
        }
        path = rest;
    }

    private String part(String s, int i) {
        int colon = s.indexOf(':');
        if (colon < 0 || i < colon) return "path at index " + i;
        return (s.indexOf('?') >= 0 && i > s.indexOf('?') ? "query" : s.startsWith("//", colon + 1) && i < s.indexOf('/', colon + 3) ? "authority" : "path") + " at index " + i;
    }

    private static int firstOf(String s, String chars) {
        int best = -1;
        for (int i = 0; i < chars.length(); i++) {
            int at = s.indexOf(chars.charAt(i));
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    private void parseAuthority(String s) throws URISyntaxException {
        String a = authority;
        int at = a.lastIndexOf('@');
        if (at >= 0) { userInfo = a.substring(0, at); a = a.substring(at + 1); }
        int colon = a.startsWith("[") ? a.indexOf(':', a.indexOf(']')) : a.lastIndexOf(':');
        if (colon >= 0) {
            String p = a.substring(colon + 1);
            a = a.substring(0, colon);
            if (!p.isEmpty()) {
                try {
                    port = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new URISyntaxException(s, "Illegal character in port number");
                }
            }
        }
        host = a.isEmpty() ? null : a;
    }

    public String getScheme() { return scheme; }
    public boolean isAbsolute() { return scheme != null; }
    public boolean isOpaque() { return path == null; }
    public String getAuthority() { return authority; }
    public String getRawAuthority() { return authority; }
    public String getUserInfo() { return userInfo; }
    public String getHost() { return host; }
    public int getPort() { return port; }
    public String getPath() { return path; }
    public String getRawPath() { return path; }
    public String getQuery() { return query; }
    public String getRawQuery() { return query; }
    public String getFragment() { return fragment; }
    public String getRawFragment() { return fragment; }

    public URI resolve(String str) { return resolve(create(str)); }

    /** RFC 3986 reference resolution (without dot-segment removal beyond the common cases). */
    public URI resolve(URI uri) {
        if (uri.scheme != null || path == null || uri.path == null) return uri;
        StringBuilder sb = new StringBuilder();
        if (scheme != null) sb.append(scheme).append(':');
        if (uri.authority != null) {
            sb.append("//").append(uri.authority).append(uri.path);
        } else {
            if (authority != null) sb.append("//").append(authority);
            if (uri.path.startsWith("/")) {
                sb.append(uri.path);
            } else if (uri.path.isEmpty() && uri.query == null) {
                sb.append(path);
                if (query != null) sb.append('?').append(query);
            } else {
                int slash = path.lastIndexOf('/');
                sb.append(slash >= 0 ? path.substring(0, slash + 1) : "/").append(uri.path);
            }
        }
        if (uri.query != null) sb.append('?').append(uri.query);
        if (uri.fragment != null) sb.append('#').append(uri.fragment);
        return create(sb.toString());
    }

    public java.net.URI normalize() { return this; }

    public int compareTo(URI that) { return string.compareTo(that.string); }
    public boolean equals(Object ob) { return ob instanceof URI && ((URI) ob).string.equals(string); }
    public int hashCode() { return string.hashCode(); }
    public String toString() { return string; }
    public String toASCIIString() { return string; }
}
