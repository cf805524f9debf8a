package io.zerobuffer.bridge.aeron;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Aeron client of one bridge end, connected either to an embedded media driver of its own
 * (the default) or to a standalone driver's directory.
 *
 * <p>The embedded driver lives in {@code /dev/shm/zerobuffer-aeron-<pid>-<random>}, deleted on
 * close; directories of that form left by processes that died are deleted on start. It runs
 * its conductor, sender and receiver on one thread (this host is shared) and detects a silent
 * peer after the liveness timeout (600 ms by default), so that the far side learns of a lost
 * peer well within a second:
 * <ul>
 * <li>a publication whose receiver sends no status message for the whole timeout is no longer
 * connected (status messages go every 1/20 of it, 30 ms by default, so one is late only after
 * 20 are lost);</li>
 * <li>an image whose sender sends nothing for half the timeout (Aeron's sender heartbeats every
 * 100 ms, so three are missed) drains, for five status-message intervals (150 ms by default),
 * and is then reported unavailable: after about 3/4 of the timeout;</li>
 * <li>the driver checks these deadlines every 1/12 of the timeout (50 ms by default).</li>
 * </ul>
 * A standalone driver uses its own settings for all of these ({@code
 * aeron.publication.connection.timeout}, {@code aeron.image.liveness.timeout}, {@code
 * aeron.rcv.status.message.timeout}; 5 s, 10 s and 200 ms by default).
 */
final class AeronMedia implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AeronMedia.class.getPackageName());
    private static final String PREFIX = "zerobuffer-aeron-";
    /** Receiver window and socket buffers of the embedded driver (the kernel may cap the sockets lower). */
    private static final int WINDOW = 2 << 20;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final String directory;

    private AeronMedia(MediaDriver driver, Aeron aeron, String directory) {
        this.driver = driver;
        this.aeron = aeron;
        this.directory = directory;
    }

    /**
     * @param settings the bridge settings (driver directory and liveness timeout)
     * @return a connected client, with its embedded driver if no directory is given
     */
    static AeronMedia start(BridgeSettings settings) {
        if (settings.aeronDir() != null) {
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(settings.aeronDir()));
            return new AeronMedia(null, aeron, settings.aeronDir());
        }
        removeStaleDirectories();
        String directory = "/dev/shm/" + PREFIX + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        long liveness = settings.livenessTimeout().toNanos();
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .publicationConnectionTimeoutNs(liveness)
                // an image that hears nothing for this long drains, for 5 status-message
                // intervals, and is then reported unavailable
                .imageLivenessTimeoutNs(liveness / 2)
                // the driver checks its timeouts once per timer interval (1 s by default)
                .timerIntervalNs(Math.min(TimeUnit.MILLISECONDS.toNanos(100), liveness / 12))
                .statusMessageTimeoutNs(Math.min(TimeUnit.MILLISECONDS.toNanos(100), liveness / 20))
                .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200));
        // Aeron's defaults (128 KiB receiver window and socket buffers) cap a unicast stream at
        // window / round trip: ~80 MiB/s here, less than 1080p at 30 fps. -D settings still win.
        if (System.getProperty("aeron.rcv.initial.window.length") == null) {
            context.initialWindowLength(WINDOW);
        }
        if (System.getProperty("aeron.socket.so_rcvbuf") == null) {
            context.socketRcvbufLength(WINDOW);
        }
        if (System.getProperty("aeron.socket.so_sndbuf") == null) {
            context.socketSndbufLength(WINDOW);
        }
        MediaDriver driver = MediaDriver.launchEmbedded(context);
        try {
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            return new AeronMedia(driver, aeron, driver.aeronDirectoryName());
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /** @return the client */
    Aeron aeron() {
        return aeron;
    }

    /** @return the driver directory */
    String directory() {
        return directory;
    }

    /** @return whether the driver is embedded */
    boolean embedded() {
        return driver != null;
    }

    @Override
    public void close() {
        try {
            aeron.close();
        } finally {
            if (driver != null) {
                driver.close();
            }
        }
    }

    /** Deletes embedded-driver directories whose process is gone (killed bridges leave them). */
    private static void removeStaleDirectories() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/dev/shm"), PREFIX + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(entry);
                    LOG.info(() -> "removed the Aeron directory " + entry + " of dead process " + pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "no sweep of stale Aeron directories: " + e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // another sweeper got there first
                }
            });
        }
    }
}
