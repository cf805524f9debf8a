package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;

/**
 * A reader and a writer of one buffer, both in this process: for the stress and benchmark
 * steps that need a consumer on the other side while the scenario's other role is idle.
 * Named by the family's rule so the orchestrator's leftover sweep finds it.
 */
final class LocalPair implements AutoCloseable {
    final Reader reader;
    final Writer writer;

    LocalPair(World world, String base, BufferConfig config) {
        String name = world.name(base);
        this.reader = world.engine().createReader(name, config);
        try {
            this.writer = world.engine().attachWriter(name, World.writerOptions());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public void close() {
        World.closeQuietly(writer);
        World.closeQuietly(reader);
    }
}
