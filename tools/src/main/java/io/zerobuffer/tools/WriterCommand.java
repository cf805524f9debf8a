package io.zerobuffer.tools;

import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code writer <buffer-name>}: attaches to a buffer a reader created and writes frames of a
 * data pattern (docs/CLI.md, "writer"). Frames are filled in place in the ring
 * ({@code acquire}, fill, {@code commit}); after the last one the writer lingers until the
 * reader has consumed everything (at most {@link #LINGER}), then detaches.
 */
@Command(name = "writer", sortOptions = false, usageHelpAutoWidth = true,
        description = "Attach to an existing buffer (retrying for up to 5 s) and write frames.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all frames written", "1:could not connect", "2:write error", "3:bad arguments",
            "130:interrupted by Ctrl-C (SIGINT; 143 for SIGTERM): the result is printed, created buffers removed"})
final class WriterCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_CONNECT = 1;
    static final int EXIT_WRITE = 2;
    static final int EXIT_USAGE = 3;

    /** How long attaching retries a buffer that does not exist yet or is still being created. */
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(5);
    /** How long the writer waits after its last frame for the reader to consume everything. */
    static final Duration LINGER = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUFFER_NAME", description = "name of the buffer to write to")
    private String bufferName;

    @Option(names = {"-n", "--frames"}, paramLabel = "COUNT", defaultValue = "1000",
            description = "frames to write (default: ${DEFAULT-VALUE})")
    private long frames;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "1024",
            description = "bytes per frame (default: ${DEFAULT-VALUE})")
    private int size;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private MetadataSource metadata;

    /** -m and --metadata-file exclude each other. */
    static final class MetadataSource {
        @Option(names = {"-m", "--metadata"}, paramLabel = "TEXT", required = true,
                description = "metadata (UTF-8) written once before the frames")
        String text;

        @Option(names = "--metadata-file", paramLabel = "FILE", required = true,
                description = "metadata read from a file, written once before the frames")
        Path file;
    }

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "sequential",
            converter = Arguments.PatternConverter.class,
            description = "sequential, random, zero or ones (default: ${DEFAULT-VALUE})")
    private DataPattern pattern;

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "0",
            description = "pause after each frame (default: ${DEFAULT-VALUE})")
    private long delayMs;

    @Option(names = "--batch-size", paramLabel = "COUNT", defaultValue = "1",
            description = "frames per batch (default: ${DEFAULT-VALUE}; accepted for compatibility, "
                    + "every frame is committed on its own)")
    private int batchSize;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    WriterCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    @Override
    public Integer call() {
        Arguments.bufferName(spec, bufferName);
        Arguments.nonNegative(spec, "--frames", frames);
        Arguments.atLeastOne(spec, "--size", size);
        Arguments.nonNegative(spec, "--delay-ms", delayMs);
        Arguments.atLeastOne(spec, "--batch-size", batchSize);
        byte[] metadataBytes = metadataBytes();
        FramePattern source = new FramePattern(pattern, size, Arguments.randomDraw(spec));
        // The result is printed before the stop signal is released: on Ctrl-C or SIGTERM the JVM
        // exits as soon as its shutdown hook returns.
        try (StopSignal stop = StopSignal.install()) {
            return execute(stop, metadataBytes, source);
        }
    }

    private int execute(StopSignal stop, byte[] metadataBytes, FramePattern source) {
        Console console = output.console("WRITER");
        ErrorList errors = new ErrorList();
        long written = 0;
        long metadataSize = 0;
        long start = 0;
        long end = 0;
        int exit = EXIT_OK;
        console.verbose("Buffer name: %s", bufferName);
        console.verbose("Frame size: %d bytes, frames: %d, pattern: %s, delay: %d ms",
                size, frames, pattern.cliName(), delayMs);

        try {
            Writer writer;
            try {
                writer = factory.get().attachWriter(bufferName,
                        WriterOptions.defaults().withAttachTimeout(ATTACH_TIMEOUT));
            } catch (ZeroBufferException | IllegalArgumentException e) {
                errors.add("Could not connect: " + e.getMessage());
                console.error("could not connect to buffer '" + bufferName + "': " + Diagnostics.detail(e));
                return finish(console, errors, 0, metadataSize, 0, 0, EXIT_CONNECT);
            }
            try (writer) {
                console.verbose("Connected to buffer %s", bufferName);
                if (metadataBytes != null && metadataBytes.length > 0) {
                    writer.writeMetadata(metadataBytes);
                    metadataSize = metadataBytes.length;
                    console.verbose("Wrote metadata: %d bytes", metadataSize);
                }
                start = System.nanoTime();
                end = start;
                for (long i = 0; i < frames; i++) {
                    if (stop.requested()) {
                        errors.add("Interrupted after " + written + " frames");
                        exit = EXIT_WRITE;
                        break;
                    }
                    ByteBuffer view = writer.acquire(size);
                    source.fill(view, i);
                    writer.commit();
                    written++;
                    if (delayMs > 0) {
                        Thread.sleep(delayMs);
                    }
                    if (console.progressDue(System.nanoTime())) {
                        console.verbose("Wrote frame %d/%d", written, frames);
                    }
                }
                end = System.nanoTime();
                if (exit == EXIT_OK) {
                    console.verbose("Wrote %d frames; waiting up to %d ms for the reader to consume them",
                            written, LINGER.toMillis());
                    if (!writer.drain(LINGER)) {
                        console.verbose("The reader had not consumed every frame after %d ms; detaching",
                                LINGER.toMillis());
                    }
                }
            }
        } catch (ZeroBufferException | IllegalStateException e) {
            end = written > 0 ? System.nanoTime() : start;
            errors.add("Frame " + written + ": " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_WRITE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("Interrupted after " + written + " frames");
            exit = EXIT_WRITE;
        }
        return finish(console, errors, written, metadataSize, start, end, exit);
    }

    private int finish(Console console, ErrorList errors, long written, long metadataSize, long start, long end,
            int exit) {
        double seconds = (end - start) / 1e9;
        double mibs = Results.mibPerSecond(written * size, seconds);
        console.result(new Results.Write("write", bufferName, written, size, metadataSize, seconds, mibs,
                errors.toList()));
        console.summary("Completed: wrote %d frames in %.3f seconds", written, seconds);
        console.summary("Throughput: %.2f MB/s", mibs);
        return exit;
    }

    private byte[] metadataBytes() {
        if (metadata == null) {
            return null;
        }
        if (metadata.text != null) {
            return metadata.text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(metadata.file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new ParameterException(spec.commandLine(), "cannot read --metadata-file " + metadata.file + ": " + why);
        }
    }
}
