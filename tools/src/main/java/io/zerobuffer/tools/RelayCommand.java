package io.zerobuffer.tools;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay <input-buffer> <output-buffer>}: creates the input buffer as its reader,
 * attaches to the output buffer as its writer, and forwards the metadata and every frame,
 * optionally transformed (docs/CLI.md, "relay"). Each frame is read in place and written in place:
 * one copy (or transform) from ring to ring. After the last frame the relay lingers up to
 * {@code --timeout-ms} until its own reader has consumed everything.
 */
@Command(name = "relay", sortOptions = false, usageHelpAutoWidth = true,
        description = "Create the input buffer as its reader, attach to the output buffer as its writer, "
                + "forward every frame.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:input failed", "2:output failed", "3:relay error", "4:bad arguments",
            "130:interrupted by Ctrl-C (SIGINT; 143 for SIGTERM): the result is printed, created buffers removed"})
final class RelayCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_INPUT = 1;
    static final int EXIT_OUTPUT = 2;
    static final int EXIT_RELAY = 3;
    static final int EXIT_USAGE = 4;

    static final long DEFAULT_BUFFER_SIZE = 256L << 20;
    /** How long attaching to the output retries a buffer that does not exist yet. */
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT_BUFFER", description = "buffer to create and read")
    private String inputBuffer;

    @Parameters(index = "1", paramLabel = "OUTPUT_BUFFER", description = "buffer to attach to and write")
    private String outputBuffer;

    @Option(names = {"-n", "--frames"}, paramLabel = "COUNT", defaultValue = "0",
            description = "frames to relay; 0 = unlimited (default: ${DEFAULT-VALUE})")
    private long frames;

    @Option(names = "--create-output",
            description = "accepted for compatibility: in protocol v1 only a reader creates a buffer, so the "
                    + "relay always attaches to the output (retrying for up to 5 s)")
    private boolean createOutput;

    @Option(names = "--buffer-size", paramLabel = "BYTES", defaultValue = "" + DEFAULT_BUFFER_SIZE,
            description = "output payload size when creating (default: ${DEFAULT-VALUE}; see --create-output)")
    private long bufferSize;

    @Option(names = "--input-buffer-size", paramLabel = "BYTES", defaultValue = "" + DEFAULT_BUFFER_SIZE,
            description = "ring size of the input buffer (default: ${DEFAULT-VALUE}; an extension of this "
                    + "implementation)")
    private long inputBufferSize;

    @Option(names = "--access", paramLabel = "MODE", defaultValue = "shared", converter = Arguments.AccessConverter.class,
            description = "who may open the input buffer it creates: shared (0666, any local user), group (0660) or owner "
                    + "(0600) (default: ${DEFAULT-VALUE}; an extension of this implementation)")
    private AccessMode access;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "per-frame wait, and the linger after the last frame (default: ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--transform", paramLabel = "T", defaultValue = "none", converter = Transform.Converter.class,
            description = "none, reverse or xor (default: ${DEFAULT-VALUE})")
    private Transform transform;

    @Option(names = "--xor-key", paramLabel = "BYTE", defaultValue = "255",
            description = "key for xor, 0 to 255 (default: ${DEFAULT-VALUE})")
    private int xorKey;

    @Option(names = "--log-interval", paramLabel = "COUNT", defaultValue = "100",
            description = "progress every N frames with -v (default: ${DEFAULT-VALUE})")
    private long logInterval;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    RelayCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    @Override
    public Integer call() {
        Arguments.bufferName(spec, inputBuffer);
        Arguments.bufferName(spec, outputBuffer);
        if (inputBuffer.equals(outputBuffer)) {
            throw new ParameterException(spec.commandLine(), "input and output buffer are both '" + inputBuffer + "'");
        }
        Arguments.nonNegative(spec, "--frames", frames);
        Arguments.nonNegative(spec, "--timeout-ms", timeoutMs);
        Arguments.atLeastOne(spec, "--log-interval", logInterval);
        if (xorKey < 0 || xorKey > 255) {
            throw new ParameterException(spec.commandLine(), "--xor-key must be 0 to 255, got " + xorKey);
        }
        BufferConfig inputConfig;
        try {
            BufferConfig.of(ReaderCommand.METADATA_SIZE, bufferSize);
            inputConfig = BufferConfig.of(ReaderCommand.METADATA_SIZE, inputBufferSize).withAccess(access);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration linger = Duration.ofMillis(timeoutMs);
        // The result is printed before the stop signal is released: on Ctrl-C or SIGTERM the JVM
        // exits as soon as its shutdown hook returns.
        try (StopSignal stop = StopSignal.install()) {
            return execute(stop, inputConfig, linger);
        }
    }

    private int execute(StopSignal stop, BufferConfig inputConfig, Duration linger) {
        Console console = output.console("RELAY");
        ErrorList errors = new ErrorList();
        long relayed = 0;
        long totalBytes = 0;
        boolean metadataRelayed = false;
        long metadataSize = 0;
        long start = 0;
        long end = 0;
        int exit = EXIT_OK;
        console.verbose("Relaying %s -> %s, frames: %s, transform: %s, timeout: %d ms", inputBuffer, outputBuffer,
                frames == 0 ? "unlimited" : Long.toString(frames), transform.name().toLowerCase(), timeoutMs);
        if (createOutput) {
            console.verbose("--create-output: only a reader creates a buffer in protocol v1; attaching to %s",
                    outputBuffer);
        }

        try {
            ZeroBufferFactory buffers = factory.get();
            Reader in;
            try {
                in = buffers.createReader(inputBuffer, inputConfig);
            } catch (ZeroBufferException | IllegalArgumentException e) {
                errors.add("Could not create input buffer: " + e.getMessage());
                console.error("could not create input buffer '" + inputBuffer + "': " + Diagnostics.detail(e));
                return finish(console, errors, 0, false, 0, 0, 0, 0, EXIT_INPUT);
            }
            try (in) {
                console.verbose("Created input buffer %s", inputBuffer);
                Writer out;
                try {
                    out = buffers.attachWriter(outputBuffer, WriterOptions.defaults()
                            .withAttachTimeout(ATTACH_TIMEOUT).withWriteTimeout(linger));
                } catch (ZeroBufferException | IllegalArgumentException e) {
                    errors.add("Could not connect to output buffer: " + e.getMessage());
                    console.error("could not connect to output buffer '" + outputBuffer + "': " + Diagnostics.detail(e));
                    return finish(console, errors, 0, false, 0, 0, 0, 0, EXIT_OUTPUT);
                }
                try (out) {
                    console.verbose("Connected to output buffer %s; waiting up to %d s for a writer on %s",
                            outputBuffer, ReaderCommand.WRITER_WAIT_MS / 1000, inputBuffer);
                    FrameSource source = new FrameSource(in, timeoutMs, ReaderCommand.WRITER_WAIT_MS, stop);
                    while (frames == 0 || relayed < frames) {
                        Frame frame;
                        try {
                            frame = source.next();
                        } catch (ZeroBufferException e) {
                            errors.add("Input frame " + relayed + ": " + e.getMessage());
                            console.error("input: " + e.getMessage());
                            exit = EXIT_INPUT;
                            break;
                        }
                        if (frame == null) {
                            exit = stopped(source, console, errors, relayed);
                            break;
                        }
                        try {
                            if (relayed == 0) {
                                start = source.writerSeenAt();
                                if (in.hasMetadata()) {
                                    ByteBuffer metadata = in.metadata();
                                    out.writeMetadata(metadata);
                                    metadataRelayed = true;
                                    metadataSize = metadata.remaining();
                                    console.verbose("Relayed metadata: %d bytes", metadataSize);
                                }
                            }
                            ByteBuffer data = frame.data();
                            int n = data.remaining();
                            ByteBuffer view = out.acquire(n);
                            transform.apply(data, view, xorKey);
                            out.commit();
                            totalBytes += n;
                        } catch (ZeroBufferException e) {
                            errors.add("Output frame " + relayed + ": " + e.getMessage());
                            console.error("output: " + e.getMessage());
                            exit = EXIT_OUTPUT;
                            break;
                        } finally {
                            frame.close();
                        }
                        relayed++;
                        end = System.nanoTime();
                        if (relayed % logInterval == 0) {
                            console.verbose("Progress: %d frames, %.2f MB, %.2f MB/s", relayed,
                                    totalBytes / (1024.0 * 1024.0),
                                    Results.mibPerSecond(totalBytes, (end - start) / 1e9));
                        }
                    }
                    if (exit == EXIT_OK || exit == EXIT_INPUT) {
                        // Whatever ended the input, what was relayed reaches the output's reader.
                        if (!out.drain(linger)) {
                            console.verbose("The output's reader had not consumed every frame after %d ms; detaching",
                                    timeoutMs);
                        }
                    }
                }
            }
        } catch (ZeroBufferException | IllegalStateException e) {
            errors.add("Frame " + relayed + ": " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_RELAY;
        }
        return finish(console, errors, relayed, metadataRelayed, metadataSize, totalBytes, start, end, exit);
    }

    private int stopped(FrameSource source, Console console, ErrorList errors, long relayed) {
        switch (source.outcome()) {
            case END:
                if (frames == 0) {
                    console.verbose("Input writer left after %d frames", relayed);
                    return EXIT_OK;
                }
                errors.add("Input writer left after " + relayed + " of " + frames + " frames: "
                        + source.endCause().getMessage());
                console.error("input writer left after " + relayed + " of " + frames + " frames");
                return EXIT_INPUT;
            case TIMEOUT:
                if (frames == 0) {
                    console.verbose("No frame within %d ms after %d frames; done", timeoutMs, relayed);
                    return EXIT_OK;
                }
                errors.add("Input frame " + relayed + ": no frame within " + timeoutMs + " ms");
                console.error("no input frame within " + timeoutMs + " ms after " + relayed + " frames");
                return EXIT_INPUT;
            case NO_WRITER:
                errors.add("Timeout waiting for a writer on " + inputBuffer);
                console.error("no writer connected to " + inputBuffer + " within "
                        + ReaderCommand.WRITER_WAIT_MS / 1000 + " s");
                return EXIT_INPUT;
            case STOPPED:
            default:
                errors.add("Interrupted after " + relayed + " frames");
                return EXIT_RELAY;
        }
    }

    private int finish(Console console, ErrorList errors, long relayed, boolean metadataRelayed, long metadataSize,
            long totalBytes, long start, long end, int exit) {
        double seconds = relayed > 0 ? (end - start) / 1e9 : 0.0;
        double mibs = Results.mibPerSecond(totalBytes, seconds);
        console.result(new Results.Relay("relay", inputBuffer, outputBuffer, relayed, metadataRelayed, metadataSize,
                totalBytes, seconds, mibs, errors.toList()));
        console.summary("Relayed %d frames in %.3f seconds", relayed, seconds);
        console.summary("Throughput: %.2f MB/s", mibs);
        return exit;
    }
}
