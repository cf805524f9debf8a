package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state of one scenario in this process: the engine, the readers and writers by the names
 * the scenario uses, the frame held open, the last failure an "attempts to" step caught, and
 * background work. Step classes share it; {@link #reset()} closes everything.
 *
 * <p>Every buffer or channel is named {@code <name>_<HostPid>_<FeatureId>}, the family's rule,
 * so that roles in different languages meet on the same objects.
 */
public final class World {
    /** How long a read step waits for a frame. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long a write waits for ring space before it fails with a full buffer. */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** How long attaching retries a buffer that is not there yet. */
    public static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, String> context = new LinkedHashMap<>();
    private final List<Map<String, Object>> logs = new CopyOnWriteArrayList<>();
    private final Map<String, Reader> readers = new LinkedHashMap<>();
    private final Map<String, Writer> writers = new LinkedHashMap<>();
    private final List<Background> background = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private LinuxZeroBufferFactory engine;
    private String hostPid;
    private String featureId;
    private String role = "";
    private String currentBuffer;
    private Frame heldFrame;
    private Throwable lastError;
    private boolean haltAfterResponse;
    private Flow flow;
    private Map<String, String> parameters = Map.of();
    private final List<Long> sequencesRead = new ArrayList<>();
    private byte[] lastData;
    private long lastSequence;

    /** Creates an empty scenario state; names use the environment's HostPid and FeatureId until initialised. */
    public World() {
        this.hostPid = System.getenv("HARMONY_HOST_PID");
        this.featureId = System.getenv("HARMONY_FEATURE_ID");
    }

    /**
     * @param role      the role this process plays
     * @param hostPid   the orchestrator's pid
     * @param featureId the feature number
     */
    public void initialise(String role, String hostPid, String featureId) {
        this.role = role == null ? "" : role;
        if (hostPid != null && !hostPid.isEmpty()) {
            this.hostPid = hostPid;
        }
        if (featureId != null && !featureId.isEmpty()) {
            this.featureId = featureId;
        }
    }

    /** @return the role given by initialize, or empty */
    public String role() {
        return role;
    }

    /**
     * @param base the name a scenario uses
     * @return the name of the OS objects: {@code <base>_<HostPid>_<FeatureId>}
     */
    public String name(String base) {
        String pid = hostPid == null || hostPid.isEmpty() ? String.valueOf(ProcessHandle.current().pid()) : hostPid;
        String feature = featureId == null || featureId.isEmpty() ? "0" : featureId;
        return base + "_" + pid + "_" + feature;
    }

    /** @return the engine, created on first use */
    public synchronized LinuxZeroBufferFactory engine() {
        if (engine == null) {
            engine = new LinuxZeroBufferFactory();
        }
        return engine;
    }

    /**
     * Creates a buffer as its reader and makes it the current buffer.
     *
     * @param base   the scenario's name for it
     * @param config the sizes
     * @return the reader
     */
    public Reader createReader(String base, BufferConfig config) {
        Reader existing = readers.remove(base);
        if (existing != null) {
            releaseHeldFrame();
            existing.close();
        }
        Reader reader = engine().createReader(name(base), config);
        readers.put(base, reader);
        currentBuffer = base;
        context.put("buffer", base);
        log(2, "reader created buffer '" + reader.name() + "' (" + config + ")");
        return reader;
    }

    /**
     * Attaches a writer and makes its buffer the current buffer.
     *
     * @param base the scenario's name for the buffer
     * @return the writer
     */
    public Writer attachWriter(String base) {
        Writer writer = engine().attachWriter(name(base), writerOptions());
        Writer previous = writers.put(base, writer);
        if (previous != null) {
            previous.close();
        }
        currentBuffer = base;
        context.put("buffer", base);
        log(2, "writer attached to '" + writer.name() + "'");
        return writer;
    }

    /** @return the options every writer of the serve attaches with */
    public static WriterOptions writerOptions() {
        return WriterOptions.defaults().withWriteTimeout(WRITE_TIMEOUT).withAttachTimeout(ATTACH_TIMEOUT);
    }

    /** @return the reader of the current buffer (or the only one) */
    public Reader reader() {
        Reader r = currentBuffer == null ? null : readers.get(currentBuffer);
        if (r == null && !readers.isEmpty()) {
            r = last(readers);
        }
        if (r == null) {
            throw new StepFailure("expected this process (" + role + ") to have created a buffer as its reader, it has none");
        }
        return r;
    }

    /** @return the writer of the current buffer (or the only one) */
    public Writer writer() {
        Writer w = currentBuffer == null ? null : writers.get(currentBuffer);
        if (w == null && !writers.isEmpty()) {
            w = last(writers);
        }
        if (w == null) {
            throw new StepFailure("expected this process (" + role + ") to be connected to a buffer as its writer, it is not");
        }
        return w;
    }

    /** @return whether this process has a writer */
    public boolean hasWriter() {
        return !writers.isEmpty();
    }

    /** @return whether this process has a reader */
    public boolean hasReader() {
        return !readers.isEmpty();
    }

    /** @return the readers by scenario name */
    public Map<String, Reader> readers() {
        return readers;
    }

    /** @return the writers by scenario name */
    public Map<String, Writer> writers() {
        return writers;
    }

    private static <T> T last(Map<String, T> map) {
        T last = null;
        for (T value : map.values()) {
            last = value;
        }
        return last;
    }

    /** @return the scenario name of the current buffer, from this process or the context */
    public String currentBuffer() {
        if (currentBuffer == null) {
            currentBuffer = context.get("buffer");
        }
        if (currentBuffer == null) {
            throw new StepFailure("expected a buffer named by an earlier step, none was");
        }
        return currentBuffer;
    }

    /**
     * Reads the next frame and holds it open (its ring space stays taken) until
     * {@link #releaseHeldFrame()} or the next read.
     *
     * @param timeout how long to wait
     * @return the frame
     * @throws StepFailure if none arrived in time
     */
    public Frame readAndHold(Duration timeout) {
        releaseHeldFrame();
        Frame frame = reader().read(timeout);
        if (frame == null) {
            throw new StepFailure("expected a frame within " + timeout.toMillis() + " ms, none arrived (buffer '"
                    + reader().name() + "', " + reader().status().framesInFlight() + " frames in flight)");
        }
        heldFrame = frame;
        return frame;
    }

    /**
     * Reads the next frame, holds it open and records it: sequence, size and a copy of its data.
     *
     * @return the frame
     */
    public Frame readRecorded() {
        Frame frame = readAndHold(READ_TIMEOUT);
        ByteBuffer data = frame.data();
        lastData = new byte[data.remaining()];
        data.get(0, lastData);
        lastSequence = frame.sequence();
        sequencesRead.add(lastSequence);
        return frame;
    }

    /** @return a copy of the data of the last frame read, or {@code null} */
    public byte[] lastData() {
        return lastData;
    }

    /** @return the sequence of the last frame read */
    public long lastSequence() {
        if (lastData == null) {
            throw new StepFailure("expected an earlier step to have read a frame, none did");
        }
        return lastSequence;
    }

    /** @return the sequence numbers of every frame the read steps read, in order */
    public List<Long> sequencesRead() {
        return sequencesRead;
    }

    /** @return the frame held open, or {@code null} */
    public Frame heldFrame() {
        return heldFrame != null && heldFrame.isOpen() ? heldFrame : null;
    }

    /** Releases the held frame, if any: its ring space goes back to the writer. */
    public void releaseHeldFrame() {
        if (heldFrame != null) {
            heldFrame.close();
            heldFrame = null;
        }
    }

    /** @param error what an "attempts to" step caught, or {@code null} if it succeeded */
    public void lastError(Throwable error) {
        this.lastError = error;
    }

    /** @return what the last "attempts to" step caught, or {@code null} */
    public Throwable lastError() {
        return lastError;
    }

    /**
     * @param type the exception class expected from the last attempt
     * @param what what the attempt was, for the message
     * @return the exception
     * @throws StepFailure if the attempt succeeded or failed otherwise
     */
    public <T extends Throwable> T expectLastError(Class<T> type, String what) {
        if (lastError == null) {
            throw new StepFailure(what + ": expected " + type.getSimpleName() + ", but the attempt succeeded");
        }
        if (!type.isInstance(lastError)) {
            throw new StepFailure(what + ": expected " + type.getSimpleName() + ", saw " + describe(lastError));
        }
        return type.cast(lastError);
    }

    /**
     * @param t an exception
     * @return its class and message
     */
    public static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Starts background work (a writer that must keep going while the reader's steps run).
     *
     * @param name what it is
     * @param body the work; it should stop soon after {@link Background#stopRequested()}
     * @return the handle
     */
    public Background start(String name, Background.Body body) {
        Background b = new Background(name, body, this);
        background.add(b);
        b.start();
        return b;
    }

    /** @param cleanup run by {@link #reset()} before the engine closes */
    public void onReset(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    /**
     * @param level   0 trace … 5 critical
     * @param message the entry
     */
    public void log(int level, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("timestamp", Instant.now().toString());
        entry.put("level", level);
        entry.put("message", message);
        logs.add(entry);
        System.err.println("[serve " + role + "] " + message);
    }

    /** @return the log entries since the last call, which clears them */
    public List<Map<String, Object>> drainLogs() {
        List<Map<String, Object>> out = new ArrayList<>(logs);
        logs.clear();
        return out;
    }

    /** @param parameters the current step's parameters (tables, when the orchestrator sends them) */
    public void parameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    /**
     * @param name a parameter name
     * @return its value for the current step, or {@code null}
     */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** @param flow the continuous writer of this scenario, shared by the steps of 04 and 06 */
    void flow(Flow flow) {
        this.flow = flow;
    }

    /** @return the continuous writer of this scenario, or {@code null} */
    Flow flow() {
        return flow;
    }

    /** @return the scenario context threaded between steps by the orchestrator */
    public Map<String, String> context() {
        return context;
    }

    /** Ask the serve to die abruptly right after it answered the current step. */
    public void haltAfterResponse() {
        haltAfterResponse = true;
    }

    /** @return whether the current step asked the process to die after answering */
    public boolean haltRequested() {
        return haltAfterResponse;
    }

    /** Stops background work and closes every frame, writer, reader and the engine. */
    public void reset() {
        for (Background b : background) {
            b.stopAndJoin(Duration.ofSeconds(3));
        }
        background.clear();
        for (Runnable r : cleanups) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("[serve] cleanup: " + describe(e));
            }
        }
        cleanups.clear();
        try {
            releaseHeldFrame();
        } catch (RuntimeException ignored) {
            heldFrame = null;
        }
        for (Writer w : writers.values()) {
            closeQuietly(w);
        }
        writers.clear();
        for (Reader r : readers.values()) {
            closeQuietly(r);
        }
        readers.clear();
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                System.err.println("[serve] closing the engine: " + describe(e));
            }
            engine = null;
        }
        context.clear();
        currentBuffer = null;
        lastError = null;
        lastData = null;
        flow = null;
        sequencesRead.clear();
        haltAfterResponse = false;
    }

    /** @param c closed, failures logged */
    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("[serve] close " + c + ": " + describe(e));
        }
    }
}
