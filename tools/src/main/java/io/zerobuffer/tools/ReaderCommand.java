package io.zerobuffer.tools;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * {@code reader <buffer-name>}: creates a buffer, waits up to 30 s for a writer, and reads
 * frames in place, checking their size, verifying a data pattern and computing checksums
 * (docs/CLI.md, "reader"). Frames still in the ring when the writer leaves are read before the run
 * ends. A writer that detached after its frames ends a {@code -n 0} run cleanly (exit 0); a
 * writer that died (crash, {@code kill -9}) is a read error (exit 2) in every mode.
 */
@Command(name = "reader", sortOptions = false, usageHelpAutoWidth = true,
        description = "Create a buffer, wait up to 30 s for a writer, then read frames.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all expected frames read and verified", "1:could not create the buffer or no writer came",
            "2:read error or timeout", "3:bad arguments", "4:sequence or pattern validation failed",
            "130:interrupted by Ctrl-C (SIGINT; 143 for SIGTERM): the result is printed, created buffers removed"})
final class ReaderCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_SETUP = 1;
    static final int EXIT_READ = 2;
    static final int EXIT_USAGE = 3;
    static final int EXIT_VALIDATION = 4;

    /** Metadata block the reader creates, as the peers do. */
    static final long METADATA_SIZE = 4096;
    /** Ring the reader creates unless {@code --buffer-size} says otherwise, as the peers do. */
    static final long DEFAULT_PAYLOAD_SIZE = 256L << 20;
    /** How long the reader waits for a writer. */
    static final long WRITER_WAIT_MS = 30_000;
    /** Checksums listed in the result: the first frames only, as the peers do. */
    static final int MAX_CHECKSUMS = 100;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUFFER_NAME", description = "name of the buffer to create and read")
    private String bufferName;

    @Option(names = {"-n", "--frames"}, paramLabel = "COUNT", defaultValue = "1000",
            description = "frames to read; 0 = until the writer leaves (default: ${DEFAULT-VALUE})")
    private long frames;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "1024",
            description = "expected frame size; a mismatch is an error entry (default: ${DEFAULT-VALUE})")
    private int size;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "per-frame wait (default: ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--verify", paramLabel = "P", defaultValue = "none", converter = Arguments.VerifyConverter.class,
            description = "none, sequential, random, zero or ones (default: none)")
    private DataPattern verify;

    @Option(names = "--checksum", description = "list the checksums of the first " + MAX_CHECKSUMS + " frames")
    private boolean checksum;

    @Option(names = "--batch-size", paramLabel = "COUNT", defaultValue = "1",
            description = "frames per batch (default: ${DEFAULT-VALUE}; accepted for compatibility, "
                    + "frames are read one at a time)")
    private int batchSize;

    @Option(names = "--buffer-size", paramLabel = "BYTES", defaultValue = "" + DEFAULT_PAYLOAD_SIZE,
            description = "ring size to create (default: ${DEFAULT-VALUE}; an extension of this implementation)")
    private long bufferSize;

    @Option(names = "--access", paramLabel = "MODE", defaultValue = "shared", converter = Arguments.AccessConverter.class,
            description = "who may open the buffer it creates: shared (0666, any local user), group (0660) or owner "
                    + "(0600) (default: ${DEFAULT-VALUE}; an extension of this implementation)")
    private AccessMode access;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    ReaderCommand(Supplier<ZeroBufferFactory> factory) {
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
        Arguments.nonNegative(spec, "--timeout-ms", timeoutMs);
        Arguments.atLeastOne(spec, "--batch-size", batchSize);
        BufferConfig config;
        try {
            config = BufferConfig.of(METADATA_SIZE, bufferSize).withAccess(access);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--buffer-size: " + e.getMessage());
        }
        FramePattern verifier = verify == null ? null : new FramePattern(verify, size, Arguments.randomDraw(spec));
        // The result is printed before the stop signal is released: on Ctrl-C or SIGTERM the JVM
        // exits as soon as its shutdown hook returns.
        try (StopSignal stop = StopSignal.install()) {
            return execute(stop, config, verifier);
        }
    }

    private int execute(StopSignal stop, BufferConfig config, FramePattern verifier) {
        Console console = output.console("READER");
        ErrorList errors = new ErrorList();
        List<Results.FrameChecksum> checksums = new ArrayList<>();
        long read = 0;
        long verificationErrors = 0;
        long sizeErrors = 0;
        long metadataSize = 0;
        long start = 0;
        long end = 0;
        int exit = EXIT_OK;
        console.verbose("Buffer name: %s", bufferName);
        console.verbose("Expected frame size: %d bytes, frames: %s, verify: %s, timeout: %d ms", size,
                frames == 0 ? "until the writer leaves" : Long.toString(frames),
                verify == null ? "none" : verify.cliName(), timeoutMs);

        try {
            Reader reader;
            try {
                reader = factory.get().createReader(bufferName, config);
            } catch (ZeroBufferException | IllegalArgumentException e) {
                errors.add("Could not create buffer: " + e.getMessage());
                console.error("could not create buffer '" + bufferName + "': " + Diagnostics.detail(e));
                return finish(console, errors, 0, 0, 0, 0, 0, checksums, EXIT_SETUP);
            }
            try (reader) {
                console.verbose("Created buffer %s (%d bytes of ring); waiting up to %d s for a writer",
                        bufferName, config.payloadSize(), WRITER_WAIT_MS / 1000);
                FrameSource source = new FrameSource(reader, timeoutMs, WRITER_WAIT_MS, stop);
                while (frames == 0 || read < frames) {
                    Frame frame;
                    try {
                        frame = source.next();
                    } catch (SequenceErrorException e) {
                        errors.add("Frame " + read + ": " + e.getMessage());
                        exit = EXIT_VALIDATION;
                        break;
                    }
                    if (frame == null) {
                        exit = stopped(source, console, errors, read);
                        break;
                    }
                    if (read == 0) {
                        start = source.writerSeenAt();
                        console.verbose("Writer connected, reading frames");
                    }
                    try {
                        ByteBuffer data = frame.data();
                        int frameSize = data.remaining();
                        if (frameSize != size) {
                            sizeErrors++;
                            errors.add("Frame " + read + ": Expected size " + size + ", got " + frameSize);
                        }
                        if (verifier != null && !verifier.matches(data, read)) {
                            verificationErrors++;
                            if (console.isVerbose()) {
                                console.verbose("Frame %d: verification failed", read);
                            }
                        }
                        if (checksum && checksums.size() < MAX_CHECKSUMS) {
                            checksums.add(new Results.FrameChecksum(read, Checksum.hex(Checksum.of(data))));
                        }
                    } finally {
                        frame.close();
                    }
                    read++;
                    end = System.nanoTime();
                    if (read == 1) {
                        metadataSize = metadataSize(reader);
                        if (metadataSize > 0) {
                            console.verbose("Read metadata: %d bytes", metadataSize);
                        }
                    }
                    if (console.progressDue(end)) {
                        console.verbose("Read frame %d", read);
                    }
                }
                if (metadataSize == 0) {
                    metadataSize = metadataSize(reader);
                }
            }
        } catch (ZeroBufferException | IllegalStateException e) {
            errors.add("Frame " + read + ": " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_READ;
        }
        if (exit == EXIT_OK && (verificationErrors > 0 || sizeErrors > 0)) {
            exit = EXIT_VALIDATION;
        }
        if (verificationErrors > 0) {
            console.error(verificationErrors + " of " + read + " frames failed " + verify.cliName() + " verification");
        }
        return finish(console, errors, read, metadataSize, start, end, verificationErrors, checksums, exit);
    }

    private int stopped(FrameSource source, Console console, ErrorList errors, long read) {
        switch (source.outcome()) {
            case END:
                if (!(source.endCause() instanceof EndOfStreamException)) {
                    // a crash (kill -9, a fault), not a detach: frames it meant to write may be missing
                    errors.add("Writer died after " + read + " frames: " + source.endCause().getMessage());
                    console.error("writer died after " + read + " frames: " + source.endCause().getMessage());
                    return EXIT_READ;
                }
                if (frames == 0) {
                    console.verbose("Writer left after %d frames", read);
                    return EXIT_OK;
                }
                errors.add("Writer left after " + read + " of " + frames + " frames: " + source.endCause().getMessage());
                console.error("writer left after " + read + " of " + frames + " frames");
                return EXIT_READ;
            case TIMEOUT:
                errors.add("Frame " + read + ": no frame within " + timeoutMs + " ms");
                console.error("no frame within " + timeoutMs + " ms after " + read + " frames");
                return EXIT_READ;
            case NO_WRITER:
                errors.add("Timeout waiting for writer connection");
                console.error("no writer connected within " + WRITER_WAIT_MS / 1000 + " s");
                return EXIT_SETUP;
            case STOPPED:
            default:
                errors.add("Interrupted after " + read + " frames");
                return EXIT_READ;
        }
    }

    private static long metadataSize(Reader reader) {
        return reader.hasMetadata() ? reader.metadata().remaining() : 0;
    }

    private int finish(Console console, ErrorList errors, long read, long metadataSize, long start, long end,
            long verificationErrors, List<Results.FrameChecksum> checksums, int exit) {
        double seconds = read > 0 ? (end - start) / 1e9 : 0.0;
        double mibs = Results.mibPerSecond(read * size, seconds);
        console.result(new Results.Read("read", bufferName, read, size, metadataSize, seconds, mibs,
                verificationErrors, checksums, errors.toList()));
        console.summary("Completed: read %d frames in %.3f seconds", read, seconds);
        console.summary("Throughput: %.2f MB/s", mibs);
        if (verify != null) {
            console.summary("Verification errors: %d", verificationErrors);
        }
        return exit;
    }
}
