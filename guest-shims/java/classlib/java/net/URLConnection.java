package java.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class URLConnection {
    protected URL url;
    protected boolean doInput = true;
    protected boolean doOutput;
    protected boolean connected;
    protected boolean useCaches = true;
    private int connectTimeout;
    private int readTimeout;

    protected URLConnection(URL url) { this.url = url; }

    public abstract void connect() throws IOException;

    public URL getURL() { return url; }
    public void setDoInput(boolean doinput) { doInput = doinput; }
    public boolean getDoInput() { return doInput; }
    public void setDoOutput(boolean dooutput) {
        if (connected) throw new IllegalStateException("Already connected");
        doOutput = dooutput;
    }
    public boolean getDoOutput() { return doOutput; }
    public void setUseCaches(boolean usecaches) { useCaches = usecaches; }
    public boolean getUseCaches() { return useCaches; }
    public void setConnectTimeout(int timeout) {
        if (timeout < 0) throw new IllegalArgumentException("timeouts can't be negative");
        connectTimeout = timeout;
    }
    public int getConnectTimeout() { return connectTimeout; }
    public void setReadTimeout(int timeout) {
        if (timeout < 0) throw new IllegalArgumentException("timeouts can't be negative");
        readTimeout = timeout;
    }
    public int getReadTimeout() { return readTimeout; }

    public abstract void setRequestProperty(String key, String value);
    public abstract void addRequestProperty(String key, String value);
    public abstract String getRequestProperty(String key);
    public abstract Map<String, List<String>> getRequestProperties();

    public abstract String getHeaderField(String name);
    public abstract String getHeaderField(int n);
    public abstract String getHeaderFieldKey(int n);
    public abstract Map<String, List<String>> getHeaderFields();
    public String getContentType() { return getHeaderField("content-type"); }
    public String getContentEncoding() { return getHeaderField("content-encoding"); }
    public int getContentLength() {
        long l = getContentLengthLong();
        return l > Integer.MAX_VALUE ? -1 : (int) l;
    }
    public long getContentLengthLong() { return getHeaderFieldLong("content-length", -1); }
    public long getHeaderFieldLong(String name, long def) {
        String v = getHeaderField(name);
        try {
            return v == null ? def : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }
    public int getHeaderFieldInt(String name, int def) { return (int) getHeaderFieldLong(name, def); }

    public abstract InputStream getInputStream() throws IOException;
    public abstract OutputStream getOutputStream() throws IOException;

    public String toString() { return getClass().getName() + ":" + url; }
}
