package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The {@link Reader} a configured buffer publishes: the engine's reader, except that
 * {@link #close()} does nothing, because the configuration owns the buffer (it is removed when
 * the configuration is deleted or changed, or the engine stops), not whichever consumer happens
 * to call close. Every other method delegates.
 */
final class ConfiguredReader implements Reader {
    private final Reader reader;

    ConfiguredReader(Reader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return reader.name();
    }

    @Override
    public BufferConfig config() {
        return reader.config();
    }

    @Override
    public Frame read(Duration timeout) {
        return reader.read(timeout);
    }

    @Override
    public boolean hasMetadata() {
        return reader.hasMetadata();
    }

    @Override
    public ByteBuffer metadata() {
        return reader.metadata();
    }

    @Override
    public boolean isWriterConnected() {
        return reader.isWriterConnected();
    }

    @Override
    public long framesRead() {
        return reader.framesRead();
    }

    @Override
    public BufferStatus status() {
        return reader.status();
    }

    /** Does nothing: the buffer lives as long as its configuration. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "configured " + reader;
    }
}
