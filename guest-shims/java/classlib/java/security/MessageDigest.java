package java.security;

import java.io.ByteArrayOutputStream;

/** MD5, SHA-1 and the SHA-2 family, computed natively over the bytes fed since the last reset. */
public abstract class MessageDigest {
    private final String algorithm;
    private final String canonical;
    private ByteArrayOutputStream input = new ByteArrayOutputStream();

    protected MessageDigest(String algorithm) { this(algorithm, algorithm); }
    private MessageDigest(String algorithm, String canonical) {
        this.algorithm = algorithm;
        this.canonical = canonical;
    }

    private static final class Native extends MessageDigest {
        Native(String algorithm, String canonical) { super(algorithm, canonical); }
    }

    public static MessageDigest getInstance(String algorithm) throws NoSuchAlgorithmException {
        String canonical = canonicalName(algorithm);
        if (canonical == null) throw new NoSuchAlgorithmException(algorithm + " MessageDigest not available");
        return new Native(algorithm, canonical);
    }

    private static String canonicalName(String algorithm) {
        if (algorithm == null) throw new NullPointerException("null algorithm name");
        switch (algorithm.toUpperCase()) {
            case "MD5": return "MD5";
            case "SHA": case "SHA1": case "SHA-1": return "SHA-1";
            case "SHA-224": case "SHA224": return "SHA-224";
            case "SHA-256": case "SHA256": return "SHA-256";
            case "SHA-384": case "SHA384": return "SHA-384";
            case "SHA-512": case "SHA512": return "SHA-512";
            default: return null;
        }
    }

    private static native byte[] digest0(String algorithm, byte[] data);

    public final String getAlgorithm() { return algorithm; }

    public final int getDigestLength() {
        switch (canonical) {
            case "MD5": return 16;
            case "SHA-1": return 20;
            case "SHA-224": return 28;
            case "SHA-256": return 32;
            case "SHA-384": return 48;
            default: return 64;
        }
    }

    public void update(byte input) { this.input.write(input); }
    public void update(byte[] input) { this.input.write(input, 0, input.length); }
    public void update(byte[] input, int offset, int len) {
        if (input == null) throw new IllegalArgumentException("No input buffer given");
        if (offset < 0 || len < 0 || offset > input.length - len) throw new IllegalArgumentException("Bad arguments");
        this.input.write(input, offset, len);
    }

    public byte[] digest() {
        byte[] out = digest0(canonical, input.toByteArray());
        reset();
        return out;
    }

    public byte[] digest(byte[] input) {
        update(input);
        return digest();
    }

    public void reset() { input = new ByteArrayOutputStream(); }

    public static boolean isEqual(byte[] a, byte[] b) {
        if (a == b) return true;
        if (a == null || b == null || a.length != b.length) return false;
        int diff = 0;
        for (int i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
        return diff == 0;
    }

    public String toString() { return algorithm + " Message Digest from SUN, <in progress>\n"; }
}
