package java.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HttpURLConnection performed by the lambdabox host in one exchange, when first needed. */
final class HostHttpURLConnection extends HttpURLConnection {
    private final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    private ByteArrayOutputStream output;
    private IOException failure;
    private byte[] body;
    /** Response header (name, value) pairs in the server's order. */
    private final List<String[]> headers = new ArrayList<>();

    HostHttpURLConnection(URL url) { super(url); }

    /**
     * The same host call as java.net.http (natives/net.rs): {meta, body}. The handler's own
     * timeout fires as SocketTimeoutException("Read timed out").
     */
    private static native Object[] send0(String method, String url, String[] headers, byte[] body, boolean follow, long timeoutMs) throws IOException;

    public void setRequestProperty(String key, String value) {
        if (connected) throw new IllegalStateException("Already connected");
        if (key == null) throw new NullPointerException("key is null");
        List<String> values = new ArrayList<>();
        values.add(value);
        requestHeaders.put(key, values);
    }
    public void addRequestProperty(String key, String value) {
        if (connected) throw new IllegalStateException("Already connected");
        if (key == null) throw new NullPointerException("key is null");
        requestHeaders.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    public String getRequestProperty(String key) {
        for (Map.Entry<String, List<String>> e : requestHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue().get(0);
        }
        return null;
    }
    public Map<String, List<String>> getRequestProperties() {
        if (connected) throw new IllegalStateException("Already connected");
        return Collections.unmodifiableMap(requestHeaders);
    }

    public OutputStream getOutputStream() throws IOException {
        if (!doOutput) throw new ProtocolException("cannot write to a URLConnection if doOutput=false - call setDoOutput(true)");
        // As the JDK: writing a body turns a GET into a POST.
        if (method.equals("GET")) method = "POST";
        if (output == null) output = new ByteArrayOutputStream();
        return output;
    }

    public void connect() throws IOException {
        if (connected) {
            if (failure != null) throw failure;
            return;
        }
        connected = true;
        List<String> flat = new ArrayList<>();
        boolean agent = false;
        for (Map.Entry<String, List<String>> e : requestHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase("user-agent")) agent = true;
            for (String v : e.getValue()) {
                flat.add(e.getKey());
                flat.add(v);
            }
        }
        if (!agent) {
            flat.add("User-Agent");
            flat.add("Java/" + System.getProperty("java.version"));
        }
        byte[] sent = output == null ? new byte[0] : output.toByteArray();
        if (output != null && getRequestProperty("content-type") == null) {
            flat.add("Content-Type");
            flat.add("application/x-www-form-urlencoded");
        }
        Object[] answer;
        try {
            // The host cannot time the connection apart from the answer: with a read timeout
            // the exchange gets both; a connect timeout alone is not applied (the JDK would
            // then wait for the answer without limit; the function's time still caps it).
            int readTimeout = getReadTimeout();
            long timeoutMs = readTimeout > 0 ? (long) readTimeout + getConnectTimeout() : 0;
            answer = send0(method, url.toString(), flat.toArray(new String[0]), sent, instanceFollowRedirects, timeoutMs);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        String[] meta = (String[]) answer[0];
        body = (byte[]) answer[1];
        responseCode = Integer.parseInt(meta[0]);
        responseMessage = reason(responseCode);
        for (int i = 2; i + 1 < meta.length; i += 2) headers.add(new String[] {meta[i], meta[i + 1]});
        try {
            url = new URL(meta[1]);
        } catch (MalformedURLException e) {
            // keep the requested URL
        }
    }

    private static String reason(int code) {
        switch (code) {
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return null;
        }
    }

    public int getResponseCode() throws IOException {
        connect();
        return responseCode;
    }

    public InputStream getInputStream() throws IOException {
        if (!doInput) throw new ProtocolException("Cannot read from URLConnection if doInput=false (call setDoInput(true))");
        connect();
        if (responseCode >= 400) {
            if (responseCode == 404 || responseCode == 410) throw new FileNotFoundException(url.toString());
            throw new IOException("Server returned HTTP response code: " + responseCode + " for URL: " + url);
        }
        return new ByteArrayInputStream(body);
    }

    public InputStream getErrorStream() {
        if (!connected || failure != null || responseCode < 400 || body.length == 0) return null;
        return new ByteArrayInputStream(body);
    }

    private boolean ready() {
        try {
            connect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last value of the header (as the JDK), case-insensitively. */
    public String getHeaderField(String name) {
        if (!ready() || name == null) return null;
        String found = null;
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) found = h[1];
        return found;
    }

    public String getHeaderField(int n) {
        if (!ready()) return null;
        if (n == 0) return statusLine();
        return n - 1 < headers.size() ? headers.get(n - 1)[1] : null;
    }

    public String getHeaderFieldKey(int n) {
        if (!ready() || n == 0) return null;
        return n - 1 < headers.size() ? headers.get(n - 1)[0] : null;
    }

    private String statusLine() { return "HTTP/1.1 " + responseCode + (responseMessage == null ? "" : " " + responseMessage); }

    public Map<String, List<String>> getHeaderFields() {
        if (!ready()) return Collections.emptyMap();
        // As the JDK's: a HashMap with the status line under the null key and each name's
        // values last-first.
        Map<String, List<String>> map = new java.util.HashMap<>();
        map.put(null, Collections.singletonList(statusLine()));
        for (String[] h : headers) map.computeIfAbsent(h[0], k -> new ArrayList<>()).add(0, h[1]);
        return Collections.unmodifiableMap(map);
    }

    public void disconnect() { }
    public boolean usingProxy() { return false; }
}
