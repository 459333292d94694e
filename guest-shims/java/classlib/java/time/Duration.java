package java.time;

/**
 * An amount of time in seconds and nanoseconds. Only what HTTP timeouts and Thread.sleep-style
 * code need; the rest of java.time is not supported yet.
 */
public final class Duration implements Comparable<Duration>, java.io.Serializable {
    public static final Duration ZERO = new Duration(0, 0);
    private final long seconds;
    private final int nanos;

    private Duration(long seconds, int nanos) {
        this.seconds = seconds;
        this.nanos = nanos;
    }

    public static Duration ofSeconds(long seconds) { return new Duration(seconds, 0); }
    public static Duration ofSeconds(long seconds, long nanoAdjustment) {
        long secs = Math.addExact(seconds, Math.floorDiv(nanoAdjustment, 1_000_000_000L));
        return new Duration(secs, (int) Math.floorMod(nanoAdjustment, 1_000_000_000L));
    }
    public static Duration ofMillis(long millis) { return ofSeconds(Math.floorDiv(millis, 1000L), Math.floorMod(millis, 1000L) * 1_000_000L); }
    public static Duration ofNanos(long nanos) { return ofSeconds(0, nanos); }
    public static Duration ofMinutes(long minutes) { return new Duration(Math.multiplyExact(minutes, 60L), 0); }
    public static Duration ofHours(long hours) { return new Duration(Math.multiplyExact(hours, 3600L), 0); }
    public static Duration ofDays(long days) { return new Duration(Math.multiplyExact(days, 86400L), 0); }

    public long getSeconds() { return seconds; }
    public int getNano() { return nanos; }
    public boolean isZero() { return seconds == 0 && nanos == 0; }
    public boolean isNegative() { return seconds < 0; }
    public long toMillis() { return Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000); }
    public long toSeconds() { return seconds; }
    public long toNanos() { return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos); }
    public long toMinutes() { return seconds / 60; }
    public Duration plus(Duration d) { return ofSeconds(Math.addExact(seconds, d.seconds), (long) nanos + d.nanos); }
    public Duration plusMillis(long millis) { return plus(ofMillis(millis)); }
    public Duration plusSeconds(long s) { return plus(ofSeconds(s)); }
    public Duration minus(Duration d) { return ofSeconds(Math.subtractExact(seconds, d.seconds), (long) nanos - d.nanos); }

    public int compareTo(Duration other) {
        int c = Long.compare(seconds, other.seconds);
        return c != 0 ? c : nanos - other.nanos;
    }
    public boolean equals(Object o) { return o instanceof Duration && ((Duration) o).seconds == seconds && ((Duration) o).nanos == nanos; }
    public int hashCode() { return ((int) (seconds ^ (seconds >>> 32))) + (51 * nanos); }

    /** ISO-8601, as the JDK prints it: PT8H6M12.345S. */
    public String toString() {
        if (this == ZERO || isZero()) return "PT0S";
        long effectiveTotalSecs = seconds;
        if (seconds < 0 && nanos > 0) effectiveTotalSecs++;
        long hours = effectiveTotalSecs / 3600;
        int minutes = (int) ((effectiveTotalSecs % 3600) / 60);
        int secs = (int) (effectiveTotalSecs % 60);
        StringBuilder buf = new StringBuilder(24);
        buf.append("PT");
        if (hours != 0) buf.append(hours).append('H');
        if (minutes != 0) buf.append(minutes).append('M');
        if (secs == 0 && nanos == 0 && buf.length() > 2) return buf.toString();
        if (seconds < 0 && nanos > 0) {
            if (secs == 0) buf.append("-0"); else buf.append(secs);
        } else {
            buf.append(secs);
        }
        if (nanos > 0) {
            int pos = buf.length();
            if (seconds < 0) buf.append(2 * 1_000_000_000L - nanos); else buf.append(nanos + 1_000_000_000L);
            while (buf.charAt(buf.length() - 1) == '0') buf.setLength(buf.length() - 1);
            buf.setCharAt(pos, '.');
        }
        buf.append('S');
        return buf.toString();
    }
}
