package java.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** An immutable 128-bit UUID with the JDK's text form, hashing, ordering and factories. */
public final class UUID implements java.io.Serializable, Comparable<UUID> {
    private final long mostSigBits;
    private final long leastSigBits;
    private static SecureRandom numberGenerator;

    public UUID(long mostSigBits, long leastSigBits) {
        this.mostSigBits = mostSigBits;
        this.leastSigBits = leastSigBits;
    }

    private UUID(byte[] data) {
        long msb = 0, lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (data[i] & 0xff);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (data[i] & 0xff);
        this.mostSigBits = msb;
        this.leastSigBits = lsb;
    }

    public static UUID randomUUID() {
        if (numberGenerator == null) numberGenerator = new SecureRandom();
        byte[] bytes = new byte[16];
        numberGenerator.nextBytes(bytes);
        bytes[6] &= 0x0f;
        bytes[6] |= 0x40;
        bytes[8] &= 0x3f;
        bytes[8] |= (byte) 0x80;
        return new UUID(bytes);
    }

    public static UUID nameUUIDFromBytes(byte[] name) {
        byte[] md5;
        try {
            md5 = MessageDigest.getInstance("MD5").digest(name);
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported");
        }
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        return new UUID(md5);
    }

    public static UUID fromString(String name) {
        int len = name.length();
        if (len > 36) throw new IllegalArgumentException("UUID string too large");
        int dash1 = name.indexOf('-', 0);
        int dash2 = name.indexOf('-', dash1 + 1);
        int dash3 = name.indexOf('-', dash2 + 1);
        int dash4 = name.indexOf('-', dash3 + 1);
        int dash5 = name.indexOf('-', dash4 + 1);
        if (dash4 < 0 || dash5 >= 0) throw new IllegalArgumentException("Invalid UUID string: " + name);
        long msb = parse(name, 0, dash1) & 0xffffffffL;
        msb <<= 16;
        msb |= parse(name, dash1 + 1, dash2) & 0xffffL;
        msb <<= 16;
        msb |= parse(name, dash2 + 1, dash3) & 0xffffL;
        long lsb = parse(name, dash3 + 1, dash4) & 0xffffL;
        lsb <<= 48;
        lsb |= parse(name, dash4 + 1, len) & 0xffffffffffffL;
        return new UUID(msb, lsb);
    }

    /** Long.parseLong(s, begin, end, 16) with the JDK's NumberFormatException messages. */
    private static long parse(String s, int begin, int end) {
        if (begin >= end) throw new NumberFormatException("Error at index " + (end - begin) + " in: \"" + s.substring(begin, end) + "\"");
        return Long.parseLong(s.substring(begin, end), 16);
    }

    public long getLeastSignificantBits() { return leastSigBits; }
    public long getMostSignificantBits() { return mostSigBits; }
    public int version() { return (int) ((mostSigBits >> 12) & 0x0f); }
    public int variant() {
        return (int) ((leastSigBits >>> (64 - (leastSigBits >>> 62))) & (leastSigBits >> 63));
    }

    public String toString() {
        char[] out = new char[36];
        hex(out, 0, mostSigBits >>> 32, 8);
        out[8] = '-';
        hex(out, 9, mostSigBits >>> 16, 4);
        out[13] = '-';
        hex(out, 14, mostSigBits, 4);
        out[18] = '-';
        hex(out, 19, leastSigBits >>> 48, 4);
        out[23] = '-';
        hex(out, 24, leastSigBits, 12);
        return new String(out);
    }

    private static void hex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = "0123456789abcdef".charAt((int) (value & 0xf));
            value >>>= 4;
        }
    }

    public int hashCode() {
        long hilo = mostSigBits ^ leastSigBits;
        return ((int) (hilo >> 32)) ^ (int) hilo;
    }

    public boolean equals(Object obj) {
        if (!(obj instanceof UUID)) return false;
        UUID id = (UUID) obj;
        return mostSigBits == id.mostSigBits && leastSigBits == id.leastSigBits;
    }

    public int compareTo(UUID val) {
        int mostSigBits = Long.compare(this.mostSigBits, val.mostSigBits);
        return mostSigBits != 0 ? mostSigBits : Long.compare(this.leastSigBits, val.leastSigBits);
    }
}
