package io.zerobuffer.tools;

import io.zerobuffer.api.ReaderDeadException;
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
        Run run = new Run();
        int exit;
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
                return finish(console, errors, run, EXIT_CONNECT);
            }
            try (writer) {
                try {
                    exit = writeFrames(writer, stop, console, errors, metadataBytes, source, run);
                } finally {
                    run.consumed = writer.framesConsumed();
                }
            }
        } catch (ZeroBufferException | IllegalStateException e) {
            run.end = run.written > 0 ? System.nanoTime() : run.start;
            if (e instanceof ReaderDeadException && ((ReaderDeadException) e).framesConsumed() >= 0) {
                run.consumed = ((ReaderDeadException) e).framesConsumed();
            }
            errors.add("Frame " + run.written + ": " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_WRITE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("Interrupted after " + run.written + " frames");
            exit = EXIT_WRITE;
        }
        return finish(console, errors, run, exit);
    }

    /** What one run did, for the result. */
    private static final class Run {
        long written;
        long consumed;
        long metadataSize;
        long start;
        long end;
    }

    /**
     * Writes the metadata and the frames, then lingers until the reader consumed them. A reader
     * that left before consuming every frame is a write error (the frames it did not take are
     * lost), whether the next frame found it gone or the linger did.
     */
    private int writeFrames(Writer writer, StopSignal stop, Console console, ErrorList errors, byte[] metadataBytes,
            FramePattern source, Run run) throws InterruptedException {
        console.verbose("Connected to buffer %s", bufferName);
        if (metadataBytes != null && metadataBytes.length > 0) {
            writer.writeMetadata(metadataBytes);
            run.metadataSize = metadataBytes.length;
            console.verbose("Wrote metadata: %d bytes", run.metadataSize);
        }
        run.start = System.nanoTime();
        run.end = run.start;
        for (long i = 0; i < frames; i++) {
            if (stop.requested()) {
                errors.add("Interrupted after " + run.written + " frames");
                return EXIT_WRITE;
            }
            ByteBuffer view = writer.acquire(size);
            source.fill(view, i);
            writer.commit();
            run.written++;
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            if (console.progressDue(System.nanoTime())) {
                console.verbose("Wrote frame %d/%d", run.written, frames);
            }
        }
        run.end = System.nanoTime();
        console.verbose("Wrote %d frames; waiting up to %d ms for the reader to consume them",
                run.written, LINGER.toMillis());
        if (!writer.drain(LINGER)) {
            console.verbose("The reader had not consumed every frame after %d ms; detaching", LINGER.toMillis());
        } else if (!writer.isReaderConnected() && writer.framesConsumed() < run.written) {
            String gone = "The reader left after consuming " + writer.framesConsumed() + " of the " + run.written
                    + " frames written";
            errors.add(gone);
            console.error(gone);
            return EXIT_WRITE;
        }
        return EXIT_OK;
    }

    private int finish(Console console, ErrorList errors, Run run, int exit) {
        double seconds = (run.end - run.start) / 1e9;
        double mibs = Results.mibPerSecond(run.written * size, seconds);
        console.result(new Results.Write("write", bufferName, run.written, run.consumed, size, run.metadataSize,
                seconds, mibs, errors.toList()));
        console.summary("Completed: wrote %d frames in %.3f seconds (%d consumed by the reader)", run.written, seconds,
                run.consumed);
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
