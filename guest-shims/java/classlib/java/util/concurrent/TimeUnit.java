package java.util.concurrent;

public enum TimeUnit {
    NANOSECONDS(1L), MICROSECONDS(1_000L), MILLISECONDS(1_000_000L), SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L), HOURS(3_600_000_000_000L), DAYS(86_400_000_000_000L);

    private final long nanos;

    TimeUnit(long nanos) { this.nanos = nanos; }

    private static long scale(long d, long from, long to) {
        if (from == to) return d;
        if (from > to) {
            long ratio = from / to;
            long max = Long.MAX_VALUE / ratio;
            if (d > max) return Long.MAX_VALUE;
            if (d < -max) return Long.MIN_VALUE;
            return d * ratio;
        }
        return d / (to / from);
    }

    public long convert(long sourceDuration, TimeUnit sourceUnit) { return scale(sourceDuration, sourceUnit.nanos, nanos); }
    public long toNanos(long d) { return scale(d, nanos, 1L); }
    public long toMicros(long d) { return scale(d, nanos, 1_000L); }
    public long toMillis(long d) { return scale(d, nanos, 1_000_000L); }
    public long toSeconds(long d) { return scale(d, nanos, 1_000_000_000L); }
    public long toMinutes(long d) { return scale(d, nanos, 60_000_000_000L); }
    public long toHours(long d) { return scale(d, nanos, 3_600_000_000_000L); }
    public long toDays(long d) { return scale(d, nanos, 86_400_000_000_000L); }
    public void sleep(long timeout) throws InterruptedException { if (timeout > 0) Thread.sleep(toMillis(timeout)); }
}
