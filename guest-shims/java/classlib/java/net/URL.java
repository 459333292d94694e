package java.net;

import java.io.IOException;
import java.io.InputStream;

/** An http(s) URL; openConnection() gives an HttpURLConnection served by the lambdabox host. */
public final class URL implements java.io.Serializable {
    private final String spec;
    private final URI uri;

    public URL(String spec) throws MalformedURLException {
        if (spec == null) throw new MalformedURLException("null input");
        String s = spec.trim();
        int colon = s.indexOf(':');
        if (colon <= 0) throw new MalformedURLException("no protocol: " + spec);
        String protocol = s.substring(0, colon).toLowerCase();
        if (!protocol.equals("http") && !protocol.equals("https") && !protocol.equals("file") && !protocol.equals("jar"))
            throw new MalformedURLException("unknown protocol: " + protocol);
        try {
            this.uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new MalformedURLException(e.getMessage());
        }
        this.spec = s;
    }

    public URL(String protocol, String host, int port, String file) throws MalformedURLException {
        this(protocol + "://" + host + (port == -1 ? "" : ":" + port) + file);
    }
    public URL(String protocol, String host, String file) throws MalformedURLException { this(protocol, host, -1, file); }

    public String getProtocol() { return uri.getScheme().toLowerCase(); }
    public String getHost() { return uri.getHost() == null ? "" : uri.getHost(); }
    public int getPort() { return uri.getPort(); }
    public int getDefaultPort() { return getProtocol().equals("https") ? 443 : getProtocol().equals("http") ? 80 : -1; }
    public String getPath() { return uri.getRawPath() == null ? "" : uri.getRawPath(); }
    public String getQuery() { return uri.getRawQuery(); }
    public String getFile() { return getPath() + (getQuery() == null ? "" : "?" + getQuery()); }
    public String getRef() { return uri.getRawFragment(); }
    public String getAuthority() { return uri.getRawAuthority(); }
    public String getUserInfo() { return uri.getUserInfo(); }
    public URI toURI() throws URISyntaxException { return new URI(spec); }
    public String toExternalForm() { return spec; }
    public String toString() { return spec; }
    public boolean equals(Object o) { return o instanceof URL && ((URL) o).spec.equals(spec); }
    public int hashCode() { return spec.hashCode(); }

    public URLConnection openConnection() throws IOException {
        String p = getProtocol();
        if (!p.equals("http") && !p.equals("https"))
            throw new UnsupportedOperationException(p + ": URLs are not supported yet by the lambdabox Java runtime (only http and https)");
        return new HostHttpURLConnection(this);
    }

    public final InputStream openStream() throws IOException { return openConnection().getInputStream(); }
}
