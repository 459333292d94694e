package java.net;

public abstract class HttpURLConnection extends URLConnection {
    public static final int HTTP_OK = 200, HTTP_CREATED = 201, HTTP_ACCEPTED = 202, HTTP_NO_CONTENT = 204,
        HTTP_MOVED_PERM = 301, HTTP_MOVED_TEMP = 302, HTTP_SEE_OTHER = 303, HTTP_NOT_MODIFIED = 304,
        HTTP_BAD_REQUEST = 400, HTTP_UNAUTHORIZED = 401, HTTP_FORBIDDEN = 403, HTTP_NOT_FOUND = 404,
        HTTP_BAD_METHOD = 405, HTTP_CONFLICT = 409, HTTP_GONE = 410, HTTP_INTERNAL_ERROR = 500,
        HTTP_NOT_IMPLEMENTED = 501, HTTP_BAD_GATEWAY = 502, HTTP_UNAVAILABLE = 503, HTTP_GATEWAY_TIMEOUT = 504;

    private static final String[] METHODS = {"GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"};
    private static boolean followRedirects = true;

    protected String method = "GET";
    protected int responseCode = -1;
    protected String responseMessage;
    protected boolean instanceFollowRedirects = followRedirects;

    protected HttpURLConnection(URL u) { super(u); }

    public static void setFollowRedirects(boolean set) { followRedirects = set; }
    public static boolean getFollowRedirects() { return followRedirects; }
    public void setInstanceFollowRedirects(boolean follow) { instanceFollowRedirects = follow; }
    public boolean getInstanceFollowRedirects() { return instanceFollowRedirects; }

    public void setRequestMethod(String method) throws ProtocolException {
        if (connected) throw new ProtocolException("Can't reset method: already connected");
        for (String m : METHODS) {
            if (m.equals(method)) {
                this.method = method;
                return;
            }
        }
        throw new ProtocolException("Invalid HTTP method: " + method);
    }
    public String getRequestMethod() { return method; }

    public abstract int getResponseCode() throws java.io.IOException;
    public String getResponseMessage() throws java.io.IOException {
        getResponseCode();
        return responseMessage;
    }
    public abstract java.io.InputStream getErrorStream();
    public abstract void disconnect();
    public abstract boolean usingProxy();
}
