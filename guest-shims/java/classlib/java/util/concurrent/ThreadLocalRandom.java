package java.util.concurrent;

import java.util.Random;

/**
 * The per-thread generator (one thread here). Like the JDK it is a SplitMix-style generator
 * (golden-gamma increments, mix64/mix32 finalisers) seeded from the sandbox's random source;
 * it cannot be reseeded.
 */
public final class ThreadLocalRandom extends Random {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final ThreadLocalRandom INSTANCE = new ThreadLocalRandom();
    private long state;
    private final boolean initialized;

    private ThreadLocalRandom() {
        super(0L);
        state = randomSeed0();
        initialized = true;
    }

    private static native long randomSeed0();

    public static ThreadLocalRandom current() { return INSTANCE; }

    public void setSeed(long seed) {
        // Random's constructor calls setSeed-equivalent code, never this method; reseeding is refused.
        if (initialized) throw new UnsupportedOperationException();
    }

    private long nextSeed() { return state += GAMMA; }

    private static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return (int) (((z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L) >>> 32);
    }

    protected int next(int bits) { return nextInt() >>> (32 - bits); }
    public int nextInt() { return mix32(nextSeed()); }
    public long nextLong() { return mix64(nextSeed()); }
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }
    public float nextFloat() { return (nextInt() >>> 8) * 0x1.0p-24f; }
    public boolean nextBoolean() { return nextInt() < 0; }
}
