package io.zerobuffer.itests;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The other side of the integration tests: a plain (non-OSGi) JVM that uses the engine on an
 * ordinary classpath, started by the tests with {@link ProcessBuilder}.
 *
 * <pre>
 * PlainPeer write NAME FRAMES SIZE   attach to NAME (waiting up to 10 s), write FRAMES frames
 * PlainPeer read  NAME FRAMES SIZE   create NAME, read FRAMES frames (10 s each), verify them
 * </pre>
 *
 * Frames carry the CLI's {@code sequential} pattern: byte j of frame i is (i + j) mod 256.
 * Exit codes as the CLI's: 0 done and verified, 1 could not connect/create, 2 read or write
 * error or timeout, 3 bad arguments, 4 verification failed.
 *
 * <p>It is compiled against the api only and loads the engine class by name, so this module
 * states its dependency on the engine in exactly one place: the classpath the tests give it.
 */
public final class PlainPeer {
    static final String ENGINE = "io.zerobuffer.linux.LinuxZeroBufferFactory";
    static final Duration WAIT = Duration.ofSeconds(10);

    private PlainPeer() {
    }

    /**
     * @param args mode, buffer name, frames, frame size
     * @throws Exception never on purpose: failures become exit codes
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PlainPeer write|read NAME FRAMES SIZE");
            System.exit(3);
        }
        String name = args[1];
        int frames = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        ZeroBufferFactory factory = (ZeroBufferFactory) Class.forName(ENGINE).getConstructor().newInstance();
        int code;
        switch (args[0]) {
            case "write" -> code = write(factory, name, frames, size);
            case "read" -> code = read(factory, name, frames, size);
            default -> code = 3;
        }
        System.out.flush();
        System.exit(code);
    }

    static byte expected(long frameIndex, int offset) {
        return (byte) (frameIndex + offset);
    }

    private static int write(ZeroBufferFactory factory, String name, int frames, int size) {
        Writer writer;
        try {
            writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(WAIT).withWriteTimeout(WAIT));
        } catch (RuntimeException e) {
            System.err.println("peer: could not attach: " + e);
            return 1;
        }
        try (writer) {
            writer.writeMetadata(("peer-writer pid=" + ProcessHandle.current().pid()).getBytes());
            byte[] data = new byte[size];
            for (int i = 0; i < frames; i++) {
                for (int j = 0; j < size; j++) {
                    data[j] = expected(i, j);
                }
                writer.write(data);
            }
            boolean drained = writer.drain(WAIT);
            System.out.println("peer: wrote " + frames + " frames of " + size + " bytes, drained=" + drained);
            return drained ? 0 : 2;
        } catch (RuntimeException e) {
            System.err.println("peer: write failed: " + e);
            return 2;
        }
    }

    private static int read(ZeroBufferFactory factory, String name, int frames, int size) {
        Reader reader;
        try {
            reader = factory.createReader(name, BufferConfig.of(4096, 1 << 20));
        } catch (RuntimeException e) {
            System.err.println("peer: could not create: " + e);
            return 1;
        }
        try (reader) {
            System.out.println("peer: created " + name);
            for (int i = 0; i < frames; i++) {
                try (Frame frame = reader.read(WAIT)) {
                    if (frame == null) {
                        System.err.println("peer: no frame " + (i + 1) + " within " + WAIT);
                        return 2;
                    }
                    ByteBuffer data = frame.data();
                    if (frame.sequence() != i + 1 || frame.size() != size) {
                        System.err.println("peer: frame " + (i + 1) + " has sequence " + frame.sequence()
                                + " and size " + frame.size());
                        return 4;
                    }
                    for (int j = 0; j < size; j++) {
                        if (data.get(j) != expected(i, j)) {
                            System.err.println("peer: frame " + (i + 1) + " byte " + j + " is " + data.get(j));
                            return 4;
                        }
                    }
                }
            }
            System.out.println("peer: read and verified " + frames + " frames of " + size + " bytes");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("peer: read failed: " + e);
            return 2;
        }
    }
}
