package io.zerobuffer.monitor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The monitor's model: polls a {@link BufferSource}, keeps the rates of every buffer, and
 * produces immutable {@link MonitorSnapshot}s. Plain Java: the JavaFX view and the text
 * renderer both draw its snapshots. {@link #poll()} is meant for one poller thread;
 * {@link #select(String)} may be called from any thread.
 */
public final class MonitorModel {
    /** Metadata bytes fetched for the preview. */
    public static final int METADATA_PREVIEW_BYTES = 512;

    private final BufferSource source;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Map<String, Rates> rates = new HashMap<>();
    private volatile String selected;

    /** @param source where the buffers come from */
    public MonitorModel(BufferSource source) {
        this(source, Clock.systemUTC(), System::nanoTime);
    }

    MonitorModel(BufferSource source, Clock clock, LongSupplier nanos) {
        this.source = source;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** @param name the buffer whose detail the snapshots carry, or null for none */
    public void select(String name) {
        this.selected = name;
    }

    /** @return the selected buffer name, or null */
    public String selected() {
        return selected;
    }

    /**
     * Reads every buffer once. Never throws: a failure comes back as the snapshot's error text.
     *
     * @return the snapshot
     */
    public MonitorSnapshot poll() {
        long now = nanos.getAsLong();
        List<BufferSource.Observed> observed;
        try {
            observed = source.poll();
        } catch (RuntimeException e) {
            return new MonitorSnapshot(clock.instant(), List.of(), Optional.empty(), "poll failed: " + e);
        }
        List<BufferRow> rows = new ArrayList<>(observed.size());
        Set<String> present = new HashSet<>();
        for (BufferSource.Observed o : observed) {
            var s = o.status();
            present.add(s.name());
            Rates r = rates.computeIfAbsent(s.name(), n -> new Rates());
            r.sample(now, s.writtenCount(), s.readCount(), s.writePosition(), s.payloadSize(), o.sampledFrameBytes());
            rows.add(new BufferRow(s, o.lock(), o.lockProblem(), r.framesPerSecond(), r.readFramesPerSecond(),
                    r.mibPerSecond()));
        }
        rates.keySet().retainAll(present);
        String name = selected;
        Optional<BufferDetail> detail = Optional.empty();
        String error = null;
        if (name != null && present.contains(name)) {
            try {
                BufferRow row = rows.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                Optional<BufferSource.Ring> ring = source.ring(name);
                if (ring.isPresent()) {
                    byte[] metadata = source.metadata(name, METADATA_PREVIEW_BYTES).orElse(new byte[0]);
                    detail = Optional.of(new BufferDetail(row, ring.get(), metadata, rates.get(name).history(now)));
                }
            } catch (RuntimeException e) {
                error = "reading " + name + " failed: " + e;
            }
        }
        return new MonitorSnapshot(clock.instant(), List.copyOf(rows), detail, error);
    }
}
