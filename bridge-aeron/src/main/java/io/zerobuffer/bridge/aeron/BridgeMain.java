package io.zerobuffer.bridge.aeron;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code zerobuffer bridge send NAME --to CHANNEL [options]} and {@code zerobuffer bridge receive
 * NAME --from CHANNEL [options]}: one bridge end, until SIGINT/SIGTERM. The only class that
 * names the Linux engine. Progress goes to stderr every few seconds.
 *
 * <p>Exit codes: 0 stopped by a signal, 1 the bridge failed, 3 bad arguments.
 */
public final class BridgeMain {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 3;

    private static final String USAGE = String.join("\n",
            "Usage: zerobuffer bridge send NAME --to aeron:udp?endpoint=HOST:PORT [options]",
            "       zerobuffer bridge receive NAME --from aeron:udp?endpoint=HOST:PORT [options]",
            "",
            "send: creates buffer NAME as its reader and forwards every frame (and the metadata) to the channel.",
            "receive: subscribes to the channel and writes every frame into buffer NAME, created by a local reader.",
            "",
            "Options:",
            "  --stream-id N               Aeron stream id (default " + BridgeSettings.DEFAULT_STREAM_ID + ")",
            "  --back-pressure block|drop  send: wait for the network (default), or drop whole frames and count them",
            "  --aeron-dir DIR             use the standalone media driver in DIR (default: an embedded driver)",
            "  --term-length BYTES         send: term length, a power of two (default 32 MiB: frames up to 4 MiB - 16 B)",
            "  --payload-size BYTES        send: ring size of the buffer it creates (default 64 MiB)",
            "  --metadata-size BYTES       send: metadata size of the buffer it creates (default 4096)",
            "  --liveness-ms N             embedded driver: a silent peer is gone after N ms (default 600)",
            "  --progress-seconds N        progress line period (default 5)",
            "",
            "JVM options Aeron needs on Java 16+: --add-opens java.base/jdk.internal.misc=ALL-UNNAMED",
            "  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED");

    private BridgeMain() {
    }

    /** @param args {@code send|receive NAME --to|--from CHANNEL [options]} */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BridgeSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bridge: " + e.getMessage());
            System.err.println(USAGE);
            return EXIT_USAGE;
        }
        if (settings == null) {
            System.out.println(USAGE);
            return 0;
        }
        configureLogging();
        Logger log = Logger.getLogger(BridgeMain.class.getPackageName());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Bridge[] running = new Bridge[1];
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory();
             Bridge bridge = Bridge.create(engine, settings)) {
            running[0] = bridge;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bridge-stop"));
            bridge.start();
            while (!stop.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (bridge.failure() != null) {
                    return EXIT_FAILED;
                }
            }
            return 0;
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "bridge failed: " + e, e);
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILED;
        } finally {
            if (running[0] != null) {
                // on stderr directly: at a signal the logging system may already be shut down
                BridgeCounters c = running[0].counters();
                System.err.println("bridge " + settings.role().name().toLowerCase() + " '" + settings.bufferName()
                        + "' stopped: frames=" + c.frames() + " bytes=" + c.bytes() + " dropped=" + c.dropped()
                        + " gaps=" + c.gaps() + " peer_losses=" + c.peerLosses());
            }
            stopped.countDown();
        }
    }

    /** @return the settings, or {@code null} if help was asked for */
    static BridgeSettings parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("send or receive is required");
        }
        if (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            return null;
        }
        Role role = Role.parse(args[0]);
        if (args.length < 2 || args[1].startsWith("-")) {
            throw new IllegalArgumentException("the buffer NAME is required");
        }
        String name = args[1];
        String channel = null;
        Integer streamId = null;
        BackPressure backPressure = BackPressure.BLOCK;
        String aeronDir = null;
        int termLength = BridgeSettings.DEFAULT_TERM_LENGTH;
        long payloadSize = BufferConfig.DEFAULT_PAYLOAD_SIZE;
        long metadataSize = BufferConfig.DEFAULT_METADATA_SIZE;
        long livenessMs = BridgeSettings.DEFAULT_LIVENESS_TIMEOUT.toMillis();
        long progressSeconds = 5;
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--to" -> channel = expect(role, Role.SEND, option, value);
                case "--from" -> channel = expect(role, Role.RECEIVE, option, value);
                case "--stream-id" -> streamId = (int) number(option, value);
                case "--back-pressure" -> backPressure = BackPressure.parse(value);
                case "--aeron-dir" -> aeronDir = value;
                case "--term-length" -> termLength = (int) number(option, value);
                case "--payload-size" -> payloadSize = number(option, value);
                case "--metadata-size" -> metadataSize = number(option, value);
                case "--liveness-ms" -> livenessMs = number(option, value);
                case "--progress-seconds" -> progressSeconds = number(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (channel == null) {
            throw new IllegalArgumentException(role == Role.SEND ? "--to CHANNEL is required" : "--from CHANNEL is required");
        }
        return new BridgeSettings(role, name, channel,
                streamId == null ? BridgeSettings.DEFAULT_STREAM_ID : streamId, backPressure, aeronDir, termLength,
                Duration.ofMillis(livenessMs), BufferConfig.of(metadataSize, payloadSize),
                Duration.ofSeconds(Math.max(1, progressSeconds)));
    }

    private static String expect(Role role, Role wanted, String option, String value) {
        if (role != wanted) {
            throw new IllegalArgumentException(option + " belongs to " + wanted.name().toLowerCase() + ", not "
                    + role.name().toLowerCase());
        }
        return value;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
    }

    /** One line per record on stderr: time, level, message. */
    private static void configureLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = LocalTime.now().format(time) + " " + r.getLevel() + " " + formatMessage(r);
                return r.getThrown() == null ? line + "\n" : line + "\n" + r.getThrown() + "\n";
            }
        });
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
    }
}
