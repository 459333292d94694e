package java.security;

import java.util.Random;

/** Every draw comes straight from the sandbox's random source (WASI random). */
public class SecureRandom extends Random {
    private final String algorithm;

    public SecureRandom() { this("NativePRNG"); }
    public SecureRandom(byte[] seed) { this("NativePRNG"); }
    private SecureRandom(String algorithm) { super(0L); this.algorithm = algorithm; }

    public static SecureRandom getInstance(String algorithm) throws NoSuchAlgorithmException {
        switch (algorithm) {
            case "NativePRNG": case "NativePRNGBlocking": case "NativePRNGNonBlocking": case "SHA1PRNG": case "DRBG":
                return new SecureRandom(algorithm);
            default:
                throw new NoSuchAlgorithmException(algorithm + " SecureRandom not available");
        }
    }
    public static SecureRandom getInstanceStrong() { return new SecureRandom("NativePRNGBlocking"); }

    public String getAlgorithm() { return algorithm; }

    /** Seeds supplement the system source (as NativePRNG does), so they change nothing here. */
    public void setSeed(long seed) { }
    public void setSeed(byte[] seed) { }

    static native void fill0(byte[] bytes);

    public void nextBytes(byte[] bytes) { fill0(bytes); }

    public byte[] generateSeed(int numBytes) {
        if (numBytes < 0) throw new IllegalArgumentException("numBytes cannot be negative");
        byte[] b = new byte[numBytes];
        fill0(b);
        return b;
    }

    public static byte[] getSeed(int numBytes) { return new SecureRandom().generateSeed(numBytes); }

    protected final int next(int numBits) {
        int numBytes = (numBits + 7) / 8;
        byte[] b = new byte[numBytes];
        fill0(b);
        int next = 0;
        for (int i = 0; i < numBytes; i++) next = (next << 8) + (b[i] & 0xFF);
        return next >>> (numBytes * 8 - numBits);
    }

    public String toString() { return algorithm; }
}
