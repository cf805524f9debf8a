package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferDirectory;
import java.util.List;
import java.util.Optional;

/** A source over any {@link BufferDirectory}: no lock-file state, no tail, no frame samples. */
final class PlainSource implements BufferSource {
    private final BufferDirectory directory;

    PlainSource(BufferDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<Observed> poll() {
        return directory.list().stream().map(s -> new Observed(s, "n/a", false, -1)).toList();
    }

    @Override
    public Optional<Ring> ring(String name) {
        return directory.find(name).map(s -> new Ring(s.payloadSize(), s.readPosition(), s.writePosition(),
                s.usedBytes(), -1, -1, -1));
    }

    @Override
    public Optional<byte[]> metadata(String name, int maxBytes) {
        return directory.metadataPreview(name, maxBytes);
    }
}
