package io.zerobuffer.demo;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One buffer, one writer thread and one reader thread: the writer paints synthetic frames at
 * the format's frame rate in place in the ring, the reader checks and releases them and logs
 * the rate every few seconds. No OSGi here; {@link DemoComponent} only wires it.
 */
public final class DemoStream {
    private static final Duration POLL = Duration.ofMillis(200);

    private final ZeroBufferFactory factory;
    private final String bufferName;
    private final VideoFormat format;
    private final Duration logInterval;
    private final Reader reader;
    private final Thread writerThread;
    private final Thread readerThread;
    private volatile boolean running = true;
    private volatile long framesReceived;
    private volatile long verificationErrors;

    private DemoStream(ZeroBufferFactory factory, String bufferName, VideoFormat format, Duration logInterval) {
        this.factory = factory;
        this.bufferName = bufferName;
        this.format = format;
        this.logInterval = logInterval;
        // Room for eight frames: the writer never waits for a reader that keeps up.
        long payload = 8L * (BufferConfig.FRAME_HEADER_SIZE + format.frameSize());
        this.reader = factory.createReader(bufferName, BufferConfig.of(4096, payload));
        this.writerThread = new Thread(this::writeLoop, "zerobuffer-demo-writer");
        this.readerThread = new Thread(this::readLoop, "zerobuffer-demo-reader");
    }

    /**
     * Creates the buffer and starts both threads.
     *
     * @param factory     where readers and writers come from
     * @param bufferName  the buffer to create
     * @param format      the frames to stream
     * @param logInterval how often to log the rate
     * @return the running stream
     */
    public static DemoStream start(ZeroBufferFactory factory, String bufferName, VideoFormat format,
            Duration logInterval) {
        DemoStream stream = new DemoStream(factory, bufferName, format, logInterval);
        DemoLog.info("buffer '" + bufferName + "' created (" + stream.reader.config().totalSize()
                + " bytes of shared memory), streaming " + format.width() + "x" + format.height()
                + " YUV420 at " + format.fps() + " fps, " + format.frameSize() + " bytes a frame");
        stream.readerThread.start();
        stream.writerThread.start();
        return stream;
    }

    /** @return frames the reader has received and released */
    public long framesReceived() {
        return framesReceived;
    }

    /** @return frames whose size or pattern was wrong */
    public long verificationErrors() {
        return verificationErrors;
    }

    /**
     * Stops the writer (it detaches), lets the reader drain, then closes the buffer. Waits at
     * most about ten seconds.
     */
    public void stop() {
        running = false;
        join(writerThread);
        join(readerThread);
        reader.close(); // idempotent; the reader thread normally closed it already
        DemoLog.info("stopped after " + framesReceived + " frames, " + verificationErrors
                + " verification errors; buffer '" + bufferName + "' removed");
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(6));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(4));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        SyntheticYuvSource source = new SyntheticYuvSource(format);
        WriterOptions options = WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(5))
                .withWriteTimeout(Duration.ofSeconds(2));
        try (Writer writer = factory.attachWriter(bufferName, options)) {
            writer.writeMetadata(format.metadata());
            long period = format.frameIntervalNanos();
            long next = System.nanoTime();
            for (long index = 0; running; index++) {
                ByteBuffer frame = writer.acquire(format.frameSize());
                source.paint(index, frame);
                writer.commit();
                next += period;
                long now = System.nanoTime();
                if (now - next > 4 * period) {
                    next = now; // fell behind (a stall): restart the clock rather than burst
                } else {
                    while (running && (now = System.nanoTime()) < next) {
                        LockSupport.parkNanos(next - now);
                    }
                }
            }
            writer.drain(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            if (running) {
                DemoLog.severe("writer failed on buffer '" + bufferName + "'", e);
            }
        }
    }

    private void readLoop() {
        long windowStart = System.nanoTime();
        long windowFrames = 0;
        boolean first = true;
        try {
            while (true) {
                Frame frame;
                try {
                    frame = reader.read(POLL);
                } catch (WriterDeadException endOrDeath) {
                    if (running) {
                        DemoLog.warning(endOrDeath.getMessage());
                    }
                    return;
                }
                if (frame == null) {
                    if (!running && !reader.isWriterConnected()) {
                        return;
                    }
                } else {
                    try {
                        verify(frame);
                    } finally {
                        frame.close();
                    }
                    framesReceived++;
                    windowFrames++;
                    if (first) {
                        first = false;
                        logFirstFrame();
                    }
                }
                long now = System.nanoTime();
                if (now - windowStart >= logInterval.toNanos()) {
                    logRate(windowFrames, now - windowStart);
                    windowStart = now;
                    windowFrames = 0;
                }
            }
        } catch (RuntimeException e) {
            DemoLog.severe("reader failed on buffer '" + bufferName + "'", e);
        } finally {
            reader.close();
        }
    }

    private void verify(Frame frame) {
        long index = frame.sequence() - 1;
        ByteBuffer data = frame.data();
        int x = format.width() / 2;
        int y = format.height() / 2;
        if (frame.size() != format.frameSize()
                || data.get(0) != SyntheticYuvSource.expectedLuma(index, 0, 0)
                || data.get(y * format.width() + x) != SyntheticYuvSource.expectedLuma(index, x, y)) {
            verificationErrors++;
        }
    }

    private void logFirstFrame() {
        String metadata = StandardCharsets.UTF_8.decode(reader.metadata()).toString();
        // The JVM's own start (not the process's: run.sh execs java from a shell that may have built first).
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        DemoLog.info("first frame received, " + sinceStart + " ms after JVM start; metadata " + metadata);
    }

    private void logRate(long frames, long nanos) {
        double seconds = nanos / 1e9;
        BufferStatus status = reader.status();
        DemoLog.info(String.format("%.1f frames/s, %.1f MB/s, ring %.0f %% used, %d frames total, %d errors",
                frames / seconds, frames * (double) format.frameSize() / seconds / 1e6,
                status.utilisation() * 100, framesReceived, verificationErrors));
    }
}
