package io.zerobuffer.linux.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader's and writer's MBeans, read through the platform MBean server as JConsole would. */
class MetricsMBeanTest {
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String name = BufferNames.unique("jmx");

    @AfterEach
    void tearDown() {
        factory.close();
    }

    /** Registration runs on its own thread (the first platform MBean server costs ~0.5 s): wait for it. */
    private void awaitRegistered(ObjectName bean, boolean registered) {
        Await.await(() -> server.isRegistered(bean) == registered, Duration.ofSeconds(20),
                bean + (registered ? " to be registered" : " to be unregistered"));
    }

    private long attribute(ObjectName bean, String attribute) throws Exception {
        return ((Number) server.getAttribute(bean, attribute)).longValue();
    }

    @Test
    void readersAndWritersCountFramesBytesBlockingErrorsAndSequenceUntilClosed() throws Exception {
        ObjectName readerBean = new ObjectName("io.zerobuffer:type=Reader,name=" + name);
        ObjectName writerBean = new ObjectName("io.zerobuffer:type=Writer,name=" + name);
        assertFalse(server.isRegistered(readerBean));
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        awaitRegistered(readerBean, true);
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofMillis(300)));
        awaitRegistered(writerBean, true);
        assertEquals(name, server.getAttribute(writerBean, "BufferName"));

        assertNull(reader.read(Duration.ofMillis(200)), "nothing yet: 200 ms waiting");
        assertTrue(attribute(readerBean, "BlockedMillis") >= 150, "time spent waiting: " + attribute(readerBean, "BlockedMillis"));
        for (int i = 0; i < 3; i++) {
            writer.write(new byte[100]);
        }
        ByteBuffer slot = writer.acquire(50);
        slot.put(new byte[50]);
        writer.commit();
        writer.write(ByteBuffer.allocate(25));
        for (int i = 0; i < 5; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertTrue(frame != null);
            }
        }
        assertEquals(5, attribute(writerBean, "Frames"));
        assertEquals(375, attribute(writerBean, "Bytes"));
        assertEquals(5, attribute(writerBean, "LastSequence"));
        assertEquals(5, attribute(readerBean, "Frames"));
        assertEquals(375, attribute(readerBean, "Bytes"));
        assertEquals(5, attribute(readerBean, "LastSequence"));

        // fill the ring: 3 x 1,016 bytes fit in 4,096, the 4th times out after 300 ms
        for (int i = 0; i < 4; i++) {
            if (i < 4 - 1) {
                writer.write(new byte[1000]);
            } else {
                assertThrows(BufferFullException.class, () -> writer.write(new byte[1000]));
            }
        }
        assertEquals(1, attribute(writerBean, "BufferFullErrors"));
        assertTrue(attribute(writerBean, "BlockedMillis") >= 250, "blocked on the full ring: " + attribute(writerBean, "BlockedMillis"));
        assertEquals(0, attribute(writerBean, "ReaderDeadErrors"));

        writer.close();
        awaitRegistered(writerBean, false);
        for (int i = 0; i < 3; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertTrue(frame != null);
            }
        }
        assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofSeconds(5)));
        assertEquals(1, attribute(readerBean, "EndOfStreamErrors"));
        assertEquals(0, attribute(readerBean, "WriterDeadErrors"));
        assertEquals(8, attribute(readerBean, "LastSequence"));
        reader.close();
        awaitRegistered(readerBean, false);
    }
}
