package io.zerobuffer.tools;

import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The writing half of {@code soak}, started by it in a second JVM: attaches to the soak buffer
 * and writes the seeded frames of {@link SoakPattern} until the frame count or the duration is
 * reached, then waits for the reader to consume them and detaches. Prints one line,
 * {@code WROTE <frames> <bytes>}, on stdout. Not listed in the help.
 */
@Command(name = "soak-writer", hidden = true, description = "the writing half of soak (started by soak)")
final class SoakWriterCommand implements Callable<Integer>, ToolCommand {
    @Parameters(index = "0", paramLabel = "BUFFER_NAME")
    private String bufferName;

    @Option(names = "--seed", required = true)
    private long seed;

    @Option(names = "--max-size", required = true)
    private int maxSize;

    @Option(names = "--frames", defaultValue = "0")
    private long frames;

    @Option(names = "--duration-ms", defaultValue = "0")
    private long durationMs;

    private final Supplier<ZeroBufferFactory> factory;

    SoakWriterCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return WriterCommand.EXIT_USAGE;
    }

    @Override
    public Integer call() {
        SoakPattern pattern = new SoakPattern(seed, maxSize);
        long written = 0;
        long bytes = 0;
        try (Writer writer = factory.get().attachWriter(bufferName, WriterOptions.defaults()
                .withAttachTimeout(Duration.ofSeconds(30)).withWriteTimeout(Duration.ofSeconds(30)))) {
            long end = System.nanoTime() + Duration.ofMillis(durationMs).toNanos();
            while (frames > 0 ? written < frames : (written & 63) != 0 || System.nanoTime() - end < 0) {
                int size = pattern.size(written);
                pattern.fill(writer.acquire(size), written);
                writer.commit();
                written++;
                bytes += size;
            }
            writer.drain(Duration.ofSeconds(30));
        } catch (ZeroBufferException e) {
            System.err.println("[SOAK-WRITER] Error after " + written + " frames: " + e.getMessage());
            System.out.println("WROTE " + written + " " + bytes);
            return WriterCommand.EXIT_WRITE;
        }
        System.out.println("WROTE " + written + " " + bytes);
        return WriterCommand.EXIT_OK;
    }
}
