package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WriterOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The other side of a cross-process duplex test: a second JVM on the test classpath. Prints
 * "READY" once its side is open.
 *
 * <p>Modes: {@code server CHANNEL RING (xor|silent)} serves with a handler that answers each
 * request with its bytes XOR 0x5A ({@code silent}: never answers, sleeps instead) until killed
 * or until its stdin closes; {@code client-hold CHANNEL SIZE} connects, acquires a request of
 * SIZE bytes, fills half of it and waits to be killed without committing.
 */
public final class DuplexPeer {
    private DuplexPeer() {
    }

    public static void main(String[] args) throws Exception {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            switch (args[0]) {
                case "server": {
                    DuplexServer server = factory.createDuplexServer(args[1], BufferConfig.of(1024, Long.parseLong(args[2])),
                            ReaderOptions.defaults(), WriterOptions.defaults());
                    boolean silent = args[3].equals("silent");
                    server.start((request, response) -> {
                        if (silent) {
                            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
                            return;
                        }
                        ByteBuffer in = request.data();
                        ByteBuffer out = response.acquire(request.size());
                        for (int i = 0; i < in.limit(); i++) {
                            out.put(i, (byte) (in.get(i) ^ 0x5A));
                        }
                        response.commit();
                    });
                    System.out.println("READY");
                    while (System.in.read() >= 0) {
                        // runs until the parent closes stdin or kills this JVM
                    }
                    server.close();
                    System.out.println("STOPPED requests=" + server.requests() + " responses=" + server.responses());
                    break;
                }
                case "client-hold": {
                    DuplexClient client = factory.createDuplexClient(args[1], BufferConfig.of(1024, 1 << 20),
                            WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)), ReaderOptions.defaults());
                    int size = Integer.parseInt(args[2]);
                    ByteBuffer request = client.acquire(size);
                    for (int i = 0; i < size / 2; i++) {
                        request.put(i, (byte) i);
                    }
                    System.out.println("READY");
                    Thread.sleep(TimeUnit.MINUTES.toMillis(2));
                    System.exit(9);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }
}
