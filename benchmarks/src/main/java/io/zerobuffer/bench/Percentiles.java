package io.zerobuffer.bench;

/** Round-trip latency percentiles of one ping-pong run, in microseconds. */
final class Percentiles {
    final Stat p50 = new Stat();
    final Stat p90 = new Stat();
    final Stat p99 = new Stat();
    final Stat max = new Stat();

    void add(String[] nanos) {
        p50.add(Long.parseLong(nanos[0]) / 1e3);
        p90.add(Long.parseLong(nanos[1]) / 1e3);
        p99.add(Long.parseLong(nanos[2]) / 1e3);
        max.add(Long.parseLong(nanos[3]) / 1e3);
    }

    String json() {
        return "{\"p50_us\":" + p50.json() + ",\"p90_us\":" + p90.json() + ",\"p99_us\":" + p99.json()
                + ",\"max_us\":" + max.json() + "}";
    }
}
