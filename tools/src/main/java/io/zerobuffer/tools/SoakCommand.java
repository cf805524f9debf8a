package io.zerobuffer.tools;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code soak}: a long run across two JVMs with every frame checked. This JVM creates a small
 * ring and reads; a second JVM ({@code soak-writer}) writes frames of random sizes (1 byte to
 * 64 KiB by default, see {@link SoakPattern}) whose bytes both sides derive from one seed. Every
 * frame's sequence, size and every byte are checked; the run prints frames, bytes and the lost,
 * reordered and corrupted counts, and fails (exit 4) on any. With {@code --preset-sem-r} the
 * {@code sem-r} count is set to {@code SEM_VALUE_MAX} ten times a second (by writing glibc's
 * semaphore word, as two billion releases would leave it), so that the reader's posts cross the
 * EOVERFLOW path and the writer meets a saturated count when the ring fills.
 */
@Command(name = "soak", sortOptions = false, usageHelpAutoWidth = true,
        description = "Stream seeded frames of random sizes between two JVMs through a small ring and check every byte.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every frame arrived, in order and intact", "1:the buffer or the writer process could not start",
            "2:read error", "3:bad arguments", "4:frames lost, reordered or corrupted"})
final class SoakCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_SETUP = 1;
    static final int EXIT_READ = 2;
    static final int EXIT_USAGE = 3;
    static final int EXIT_CHECK = 4;

    /** glibc's SEM_VALUE_MAX. */
    static final long SEM_VALUE_MAX = Integer.MAX_VALUE;
    /** How often {@code --preset-sem-r} raises the count to its maximum. */
    static final long PRESET_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long VALUE_MASK = 0xFFFF_FFFFL;

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long the writer writes, unless --frames is given (default: ${DEFAULT-VALUE})")
    private long durationSeconds;

    @Option(names = {"-n", "--frames"}, paramLabel = "COUNT", defaultValue = "0",
            description = "frames to write; 0 = as many as the duration allows (default: ${DEFAULT-VALUE})")
    private long frames;

    @Option(names = "--buffer-size", paramLabel = "BYTES", defaultValue = "262144",
            description = "ring size (default: ${DEFAULT-VALUE})")
    private long bufferSize;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "65536",
            description = "largest frame (default: ${DEFAULT-VALUE})")
    private int maxSize;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of sizes and bytes (default: random, printed)")
    private Long seed;

    @Option(names = "--preset-sem-r", description = "set the sem-r count to SEM_VALUE_MAX ten times a second (the overflow path)")
    private boolean presetSemR;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    SoakCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    /** Counts of one run. */
    private static final class Tally {
        long frames;
        long bytes;
        long lost;
        long reordered;
        long corrupted;
        long presets;
        long overflows;
        long written = -1;
        long writtenBytes = -1;
    }

    @Override
    public Integer call() {
        Arguments.atLeastOne(spec, "--max-size", maxSize);
        Arguments.nonNegative(spec, "--frames", frames);
        Arguments.nonNegative(spec, "--duration", durationSeconds);
        if (2 * (16L + maxSize) + 15 > bufferSize) {
            throw new ParameterException(spec.commandLine(), "--buffer-size " + bufferSize
                    + " is too small for frames of up to " + maxSize + " bytes: it needs at least "
                    + (2 * (16L + maxSize) + 15));
        }
        BufferConfig config;
        try {
            config = BufferConfig.of(0, bufferSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--buffer-size: " + e.getMessage());
        }
        long streamSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        try (StopSignal stop = StopSignal.install()) {
            return execute(stop, config, streamSeed);
        }
    }

    private int execute(StopSignal stop, BufferConfig config, long streamSeed) {
        Console console = output.console("SOAK");
        ErrorList errors = new ErrorList();
        Tally tally = new Tally();
        String name = "zb-soak-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffffL);
        SoakPattern pattern = new SoakPattern(streamSeed, maxSize);
        long start = System.nanoTime();
        int exit = EXIT_OK;
        console.verbose("Buffer %s, ring %d bytes, frames of 1..%d bytes, seed %d, %s%s", name, config.payloadSize(),
                maxSize, streamSeed, frames > 0 ? frames + " frames" : durationSeconds + " s",
                presetSemR ? ", sem-r preset near SEM_VALUE_MAX" : "");
        Process writer = null;
        try (Reader reader = factory.get().createReader(name, config)) {
            writer = startWriter(name, streamSeed);
            exit = readAll(reader, writer, pattern, tally, errors, console, stop, name);
        } catch (ZeroBufferException | IllegalArgumentException | IOException e) {
            errors.add("Could not start: " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_SETUP;
        } finally {
            if (writer != null) {
                collectWriter(writer, tally, errors);
            }
        }
        if (tally.written >= 0 && tally.written > tally.frames + tally.lost) {
            tally.lost = tally.written - tally.frames;
        }
        if (exit == EXIT_OK && (tally.lost > 0 || tally.reordered > 0 || tally.corrupted > 0)) {
            exit = EXIT_CHECK;
        }
        if (exit == EXIT_OK && tally.frames == 0) {
            errors.add("No frame arrived");
            exit = EXIT_READ;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        console.result(new Results.Soak("soak", name, streamSeed, tally.written, tally.frames, tally.bytes, tally.lost,
                tally.reordered, tally.corrupted, tally.presets, tally.overflows, seconds,
                seconds > 0 ? tally.frames / seconds : 0, Results.mibPerSecond(tally.bytes, seconds), errors.toList()));
        console.summary("Frames: %d written, %d received (%d bytes) in %.1f s: %.0f frames/s, %.1f MiB/s",
                tally.written, tally.frames, tally.bytes, seconds, seconds > 0 ? tally.frames / seconds : 0.0,
                Results.mibPerSecond(tally.bytes, seconds));
        console.summary("Lost %d, reordered %d, corrupted %d; sem-r set to SEM_VALUE_MAX %d times, a release post "
                + "overflowed after %d of them; seed %d", tally.lost, tally.reordered, tally.corrupted, tally.presets,
                tally.overflows, streamSeed);
        for (String error : errors.toList()) {
            console.error(error);
        }
        return exit;
    }

    private Process startWriter(String name, long streamSeed) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "soak-writer", name,
                "--seed", Long.toString(streamSeed), "--max-size", Integer.toString(maxSize)));
        if (frames > 0) {
            command.addAll(List.of("--frames", Long.toString(frames)));
        } else {
            command.addAll(List.of("--duration-ms", Long.toString(TimeUnit.SECONDS.toMillis(durationSeconds))));
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads until the writer detaches; checks sequence, size and every byte of each frame. */
    private int readAll(Reader reader, Process writer, SoakPattern pattern, Tally tally, ErrorList errors,
            Console console, StopSignal stop, String name) throws IOException {
        Path semR = Path.of("/dev/shm", "sem.sem-r-" + name);
        ByteBuffer word = null;
        if (presetSemR) {
            try (FileChannel channel = FileChannel.open(semR, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                word = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            }
        }
        long index = 0;
        long noFrameSince = System.nanoTime();
        while (true) {
            if (stop.requested()) {
                errors.add("Interrupted after " + tally.frames + " frames");
                return EXIT_READ;
            }
            if (word != null) {
                presetSemR(word, tally);
            }
            Frame frame;
            try {
                frame = reader.read(Duration.ofMillis(100));
            } catch (EndOfStreamException end) {
                return EXIT_OK;
            } catch (WriterDeadException dead) {
                errors.add("Writer died after " + tally.frames + " frames: " + dead.getMessage());
                return EXIT_READ;
            } catch (SequenceErrorException e) {
                tally.reordered++;
                errors.add("Frame " + index + ": " + e.getMessage());
                return EXIT_CHECK;
            }
            if (frame == null) {
                if (System.nanoTime() - noFrameSince > TimeUnit.SECONDS.toNanos(60)) {
                    errors.add("No frame for 60 s after " + tally.frames + " frames (writer "
                            + (writer.isAlive() ? "alive" : "exited " + writer.exitValue()) + ")");
                    return EXIT_READ;
                }
                continue;
            }
            noFrameSince = System.nanoTime();
            try {
                long sequence = frame.sequence();
                if (sequence != index + 1) {
                    if (sequence > index + 1) {
                        tally.lost += sequence - index - 1;
                    } else {
                        tally.reordered++;
                    }
                    errors.add("Frame " + index + ": sequence " + sequence + ", expected " + (index + 1));
                    index = sequence - 1;
                }
                ByteBuffer data = frame.data();
                int size = data.remaining();
                int expectedSize = pattern.size(index);
                if (size != expectedSize) {
                    tally.corrupted++;
                    errors.add("Frame " + index + ": " + size + " bytes, expected " + expectedSize);
                } else {
                    int mismatch = pattern.firstMismatch(data, index);
                    if (mismatch >= 0) {
                        tally.corrupted++;
                        errors.add("Frame " + index + ": byte " + mismatch + " of " + size + " is wrong");
                    }
                }
                tally.frames++;
                tally.bytes += size;
                index++;
            } finally {
                frame.close();
            }
            if (console.progressDue(noFrameSince)) {
                console.verbose("%d frames, %d MiB; lost %d, reordered %d, corrupted %d", tally.frames,
                        tally.bytes >> 20, tally.lost, tally.reordered, tally.corrupted);
            }
        }
    }

    private long nextPreset;
    private long releasedAtPreset = -1;

    /**
     * Sets the {@code sem-r} count to {@code SEM_VALUE_MAX} every {@link #PRESET_INTERVAL_NANOS},
     * while nobody sleeps on it (no waiter to wake: only the value changes, as a long stream of
     * posts would change it). A release after that finds the count at its maximum, and its post
     * fails with EOVERFLOW unless the writer took the count first: seen here as a count still at
     * the maximum after a frame was released, counted once per preset.
     */
    private void presetSemR(ByteBuffer word, Tally tally) {
        long d = (long) WORD.getVolatile(word, 0);
        if (releasedAtPreset >= 0 && tally.frames > releasedAtPreset) {
            if ((d & VALUE_MASK) == SEM_VALUE_MAX) {
                tally.overflows++;
            }
            releasedAtPreset = -1;
        }
        long now = System.nanoTime();
        if (now - nextPreset >= 0 && (d >>> 32) == 0 && WORD.compareAndSet(word, 0, d, SEM_VALUE_MAX)) {
            tally.presets++;
            releasedAtPreset = tally.frames;
            nextPreset = now + PRESET_INTERVAL_NANOS;
        }
    }

    /** Waits for the writer JVM and takes its count ({@code WROTE <frames> <bytes>}). */
    private static void collectWriter(Process writer, Tally tally, ErrorList errors) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.US_ASCII))) {
            if (!writer.waitFor(60, TimeUnit.SECONDS)) {
                writer.destroyForcibly();
                errors.add("The writer process did not exit");
                return;
            }
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("WROTE ")) {
                    String[] parts = line.split(" ");
                    tally.written = Long.parseLong(parts[1]);
                    tally.writtenBytes = Long.parseLong(parts[2]);
                }
            }
            if (writer.exitValue() != 0) {
                errors.add("The writer process exited " + writer.exitValue());
            }
        } catch (IOException | RuntimeException e) {
            errors.add("Cannot read the writer's count: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.destroyForcibly();
        }
    }
}
