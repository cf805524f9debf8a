package io.zerobuffer.monitor;

import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.discovery.BufferEntry;
import io.zerobuffer.linux.discovery.RingLayout;
import java.util.List;
import java.util.Optional;

/** A source over the engine's directory: lock-file state, ring tail and frame samples too. */
final class LinuxSource implements BufferSource {
    private final LinuxBufferDirectory directory;

    LinuxSource(LinuxBufferDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<Observed> poll() {
        return directory.entries().stream().map(LinuxSource::observed).toList();
    }

    private static Observed observed(BufferEntry e) {
        switch (e.lockFile()) {
            case HELD:
                return new Observed(e.status(), "held by " + e.lockHolderPid(), false, e.sampledFrameBytes());
            case NOT_HELD:
                return new Observed(e.status(), "stale", true, e.sampledFrameBytes());
            default:
                return new Observed(e.status(), "missing", e.status().readerPid() != 0, e.sampledFrameBytes());
        }
    }

    @Override
    public Optional<Ring> ring(String name) {
        Optional<RingLayout> layout = directory.ringLayout(name);
        return layout.map(r -> new Ring(r.payloadSize(), r.readPosition(), r.writePosition(), r.usedBytes(),
                r.tailStart(), r.nextSequence(), r.nextFrameBytes()));
    }

    @Override
    public Optional<byte[]> metadata(String name, int maxBytes) {
        return directory.metadataPreview(name, maxBytes);
    }
}
