package io.zerobuffer.monitor;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferEntry;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.RingLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The monitor's model: polls a {@link BufferDirectory} (any implementation: it uses the api
 * alone), keeps the rates of every buffer, and produces immutable {@link MonitorSnapshot}s.
 * Plain Java: the JavaFX view and the text renderer both draw its snapshots. {@link #poll()}
 * is meant for one poller thread; {@link #select(String)} and {@link #filter(NameFilter)} may be
 * called from any thread.
 */
public final class MonitorModel {
    /** Metadata bytes fetched for the preview. */
    public static final int METADATA_PREVIEW_BYTES = 512;
    /** How long a reader may leave unread frames untouched before its buffer is stalled. */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(5);

    private final BufferDirectory directory;
    private final Clock clock;
    private final LongSupplier nanos;
    private final long stallNanos;
    private final boolean everyLayout;
    private final Map<String, Rates> rates = new HashMap<>();
    private volatile String selected;
    private volatile NameFilter filter = NameFilter.ALL;

    /** @param directory where the buffers come from */
    public MonitorModel(BufferDirectory directory) {
        this(directory, DEFAULT_STALL, false);
    }

    /**
     * @param directory   where the buffers come from
     * @param stallAfter  how long unread frames may sit with an unchanged read count (reader
     *                    alive) before the buffer is {@link Health#STALLED}
     * @param everyLayout read every buffer's ring layout (sequence numbers) on every poll, not
     *                    only the selected one's (the text and JSON modes)
     */
    public MonitorModel(BufferDirectory directory, Duration stallAfter, boolean everyLayout) {
        this(directory, stallAfter, everyLayout, Clock.systemUTC(), System::nanoTime);
    }

    MonitorModel(BufferDirectory directory, Duration stallAfter, boolean everyLayout, Clock clock, LongSupplier nanos) {
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("stallAfter = " + stallAfter + " must be positive");
        }
        this.directory = directory;
        this.stallNanos = stallAfter.toNanos();
        this.everyLayout = everyLayout;
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

    /** @param filter which buffers the snapshots list */
    public void filter(NameFilter filter) {
        this.filter = filter == null ? NameFilter.ALL : filter;
    }

    /** @return the current filter */
    public NameFilter filter() {
        return filter;
    }

    /**
     * Reads every buffer once. Never throws: a failure comes back as the snapshot's error text.
     *
     * @return the snapshot
     */
    public MonitorSnapshot poll() {
        long now = nanos.getAsLong();
        List<BufferEntry> entries;
        try {
            entries = directory.entries();
        } catch (RuntimeException e) {
            return new MonitorSnapshot(clock.instant(), List.of(), List.of(), Optional.empty(), "poll failed: " + e);
        }
        Map<String, List<BridgeInfo>> bridges = new HashMap<>();
        try {
            for (BridgeInfo b : directory.bridges()) {
                bridges.computeIfAbsent(b.bufferName(), n -> new ArrayList<>()).add(b);
            }
        } catch (RuntimeException e) {
            // bridges are shown when known; the buffers still are
        }
        NameFilter shown = filter;
        String name = selected;
        List<BufferRow> rows = new ArrayList<>(entries.size());
        Set<String> present = new HashSet<>();
        String error = null;
        for (BufferEntry e : entries) {
            BufferStatus s = e.status();
            present.add(s.name());
            Rates r = rates.computeIfAbsent(s.name(), n -> new Rates());
            r.sample(now, s.writtenCount(), s.readCount(), s.writePosition(), s.payloadSize(), e.sampledFrameBytes());
            if (!shown.test(s.name())) {
                continue;
            }
            RingLayout ring = null;
            if (everyLayout || s.name().equals(name)) {
                try {
                    ring = directory.ringLayout(s.name()).orElse(null);
                } catch (RuntimeException failed) {
                    error = "reading " + s.name() + " failed: " + failed;
                }
            }
            Health health = s.health();
            String reason = s.corruption().orElse(null);
            long unchanged = r.readUnchangedNanos(now);
            // unread frames by the counters and by the bytes: a writer that counts wraps without a
            // marker leaves written - read above zero in a ring the reader has emptied
            if (reason == null && s.framesInFlight() > 0 && s.usedBytes() > 0
                    && s.readerState() == ProcessState.ALIVE && unchanged >= stallNanos) {
                health = Health.STALLED;
                reason = "read count unchanged for " + (unchanged / 1_000_000_000L) + " s with "
                        + Format.count(s.framesInFlight()) + " unread frames";
            }
            rows.add(new BufferRow(e, health, reason, r.framesPerSecond(), r.readFramesPerSecond(),
                    r.mibPerSecond(), ring, bridges.getOrDefault(s.name(), List.of())));
        }
        rates.keySet().retainAll(present);
        Optional<BufferDetail> detail = Optional.empty();
        if (name != null) {
            for (BufferRow row : rows) {
                if (row.name().equals(name) && row.ring() != null) {
                    try {
                        byte[] metadata = directory.metadataPreview(name, METADATA_PREVIEW_BYTES).orElse(new byte[0]);
                        detail = Optional.of(new BufferDetail(row, row.ring(), metadata, rates.get(name).history(now)));
                    } catch (RuntimeException e) {
                        error = "reading " + name + " failed: " + e;
                    }
                }
            }
        }
        List<BufferRow> list = List.copyOf(rows);
        return new MonitorSnapshot(clock.instant(), list, ChannelRow.of(list), detail, error);
    }
}
