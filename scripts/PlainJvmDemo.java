import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Interim main job until the OSGi distribution lands: a writer thread streams synthetic 1080p
 * YUV420 frames at 30 fps through a buffer to a reader, which logs frames/s. Run with
 * {@code ./zerobuffer run [seconds]}.
 */
public class PlainJvmDemo {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int frameSize = 1920 * 1080 * 3 / 2 + 16;
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Runtime.getRuntime().addShutdownHook(new Thread(factory::close));
            Reader reader = factory.createReader("zerobuffer-demo", BufferConfig.of(4096, 8L * frameSize));
            Writer writer = factory.attachWriter("zerobuffer-demo");
            writer.writeMetadata("width=1920 height=1080 format=I420 fps=30".getBytes(StandardCharsets.US_ASCII));
            Thread producer = new Thread(() -> {
                long frames = (long) seconds * 30;
                for (long i = 0; i < frames; i++) {
                    ByteBuffer frame = writer.acquire(frameSize - 16);
                    frame.put(0, (byte) i);
                    frame.put(frameSize - 17, (byte) i);
                    writer.commit();
                    try {
                        Thread.sleep(33);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                writer.close();
            }, "demo-writer");
            producer.start();
            long start = System.nanoTime();
            long count = 0;
            while (true) {
                try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                    if (frame == null) {
                        break;
                    }
                    count++;
                    if (count % 30 == 0) {
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        System.out.printf("demo: %d frames of %d bytes, %.1f frames/s, metadata '%s'%n", count, frame.size(),
                                count / elapsed, StandardCharsets.US_ASCII.decode(reader.metadata()));
                    }
                } catch (io.zerobuffer.api.EndOfStreamException end) {
                    break;
                }
            }
            System.out.println("demo: stream ended after " + count + " frames");
        }
    }
}
