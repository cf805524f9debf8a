package io.zerobuffer.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.ServerDeadException;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.Peer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The engine bundle's OSGi contract, run once per framework by {@link FelixIT} and
 * {@link EquinoxIT}: real framework, real bundles, real shared memory, and the command-line
 * writer and reader in separate plain JVMs on the other side of the buffers. Nothing of the OS is mocked; assertions on resources look
 * at {@code /dev/shm} and {@code /tmp/zerobuffer}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractEngineIT {
    static final Duration SERVICE_WAIT = Duration.ofSeconds(10);
    static final String READER_PID = "zerobuffer.reader";
    static final int FRAMES = 200;
    static final int FRAME_SIZE = 4000;

    private OsgiRuntime osgi;

    /** @return the symbolic name of the system bundle this class must run in */
    abstract String expectedSystemBundle();

    /** @return short name for storage and buffer names */
    abstract String label();

    @BeforeAll
    void launch() throws Exception {
        osgi = OsgiRuntime.launch(label());
    }

    @AfterAll
    void shutdown() throws Exception {
        if (osgi != null) {
            osgi.close();
        }
    }

    @Test
    void theFrameworkUnderTestRunsEveryBundle() {
        assertEquals(expectedSystemBundle(), osgi.framework().getSymbolicName());
        for (Bundle bundle : osgi.context().getBundles()) {
            boolean lazy = Constants.ACTIVATION_LAZY.equals(bundle.getHeaders().get(Constants.BUNDLE_ACTIVATIONPOLICY));
            int expected = lazy ? (Bundle.STARTING | Bundle.ACTIVE) : Bundle.ACTIVE;
            assertTrue((bundle.getState() & expected) != 0,
                    bundle.getSymbolicName() + " is in state " + bundle.getState());
        }
    }

    @Test
    void theFactoryServiceAppearsAndIsTheEngine() throws Exception {
        ServiceReference<ZeroBufferFactory> reference = awaitReference(ZeroBufferFactory.class, null);
        assertEquals(OsgiRuntime.ENGINE_BSN, reference.getBundle().getSymbolicName());
        assertEquals(Constants.SCOPE_BUNDLE, reference.getProperty(Constants.SERVICE_SCOPE));
        assertNotNull(osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT));
    }

    @Test
    void theDirectoryServiceSeesTheBuffersOfThisHost() throws Exception {
        ServiceReference<BufferDirectory> reference = awaitReference(BufferDirectory.class, null);
        assertEquals(OsgiRuntime.ENGINE_BSN, reference.getBundle().getSymbolicName());
        BufferDirectory directory = osgi.service(BufferDirectory.class, null, SERVICE_WAIT);
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        String name = BufferFiles.unique(label() + "-dir");
        try (Reader reader = factory.createReader(name, BufferConfig.of(64, 4096));
                Writer writer = factory.attachWriter(name)) {
            writer.writeMetadata("format=test".getBytes(StandardCharsets.UTF_8));
            writer.write(new byte[] { 1, 2, 3 });
            BufferStatus status = directory.find(name).orElseThrow(() -> new AssertionError(name + " not listed"));
            assertEquals(ProcessState.ALIVE, status.readerState());
            assertEquals(ProcessState.ALIVE, status.writerState());
            assertEquals(1, status.writtenCount());
            assertEquals(4096, status.payloadSize());
            assertTrue(directory.list().stream().anyMatch(s -> s.name().equals(name)));
            assertArrayEquals("format=test".getBytes(StandardCharsets.UTF_8),
                    directory.metadataPreview(name, 100).orElseThrow());
        }
        BufferFiles.assertAllGone(name);
        assertTrue(directory.find(name).isEmpty(), "a removed buffer is still listed");
    }

    @Test
    void aRegisteredDuplexHandlerIsServedUntilUnregisteredAndAFactoryClientCallsIt() throws Exception {
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        String channel = BufferFiles.unique(label() + "-duplex");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(DuplexHandler.CHANNEL_PROPERTY, channel);
        properties.put(DuplexHandler.PAYLOAD_SIZE_PROPERTY, 1L << 20);
        DuplexHandler xor = (request, response) -> {
            ByteBuffer in = request.data();
            ByteBuffer out = response.acquire(request.size());
            for (int i = 0; i < in.limit(); i++) {
                out.put(i, (byte) (in.get(i) ^ 0x5A));
            }
            response.commit();
        };
        var registration = osgi.context().registerService(DuplexHandler.class, xor, properties);
        try {
            assertTrue(Await.holdsWithin(() -> BufferFiles.present(channel + "_request").size() == 4, SERVICE_WAIT),
                    "the engine created " + channel + "_request for the registered handler");
            assertEquals((1L << 20) + 128 + 4096, BufferFiles.sharedMemorySize(channel + "_request"),
                    "zerobuffer.payload.size sizes the request ring");
            try (DuplexClient client = factory.createDuplexClient(channel, BufferConfig.of(0, 1 << 20))) {
                for (int i = 1; i <= FRAMES; i++) {
                    byte[] request = new byte[1 + (i * 7919) % FRAME_SIZE];
                    for (int j = 0; j < request.length; j++) {
                        request[j] = ToolsCli.sequential(i, j);
                    }
                    try (Frame response = client.call(request, SERVICE_WAIT)) {
                        assertNotNull(response, "response " + i);
                        assertEquals(i, response.sequence());
                        assertEquals(request.length, response.size());
                        for (int j = 0; j < request.length; j++) {
                            assertEquals((byte) (request[j] ^ 0x5A), response.data().get(j), "response " + i + " byte " + j);
                        }
                    }
                }
                registration.unregister();
                registration = null;
                assertThrows(ServerDeadException.class, () -> client.receive(SERVICE_WAIT));
                BufferFiles.assertAllGone(channel + "_request");
            }
            BufferFiles.assertAllGone(channel + "_response");
        } finally {
            if (registration != null) {
                registration.unregister();
            }
        }
    }

    @Test
    void aBundleThatReleasesTheFactoryLosesWhatItOpenedAndOnlyThat() throws Exception {
        ServiceReference<ZeroBufferFactory> reference = awaitReference(ZeroBufferFactory.class, null);
        // Stand in for a consumer bundle: any other active bundle's context is a distinct user.
        BundleContext consumer = osgi.bundle("org.osgi.service.component").getBundleContext();
        ZeroBufferFactory consumers = consumer.getService(reference);
        ZeroBufferFactory ours = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        assertNotSame(ours, consumers, "bundle scope: one instance per using bundle");
        String theirs = BufferFiles.unique(label() + "-theirs");
        String mine = BufferFiles.unique(label() + "-mine");
        consumers.createReader(theirs, BufferConfig.of(0, 4096));
        consumers.attachWriter(theirs).write(new byte[] { 1 });
        try (Reader reader = ours.createReader(mine, BufferConfig.of(0, 4096))) {
            BufferFiles.assertAllPresent(theirs);
            assertTrue(consumer.ungetService(reference));
            BufferFiles.assertAllGone(theirs);
            BufferFiles.assertAllPresent(mine);
            assertNull(reader.read(Duration.ZERO), "another bundle's release must not touch this buffer");
        }
        BufferFiles.assertAllGone(mine);
    }

    @Test
    void aReaderFromTheServiceReceivesFramesFromTheCliWriter() throws Exception {
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        String name = BufferFiles.unique(label() + "-r");
        // The api 1.1 options pass through the service: this reader spins before it blocks.
        try (Reader reader = factory.createReader(name, BufferConfig.of(1024, 256 * 1024),
                ReaderOptions.defaults().withWaitStrategy(WaitStrategy.SPIN_THEN_BLOCK))) {
            BufferFiles.assertAllPresent(name);
            Peer writer = ToolsCli.start("writer", name, "-n", String.valueOf(FRAMES), "-s", String.valueOf(FRAME_SIZE),
                    "--pattern", "sequential", "-m", "itest metadata");
            for (int i = 0; i < FRAMES; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(15))) {
                    assertNotNull(frame, "frame " + (i + 1) + " did not come: " + writer.output());
                    assertEquals(i + 1, frame.sequence());
                    assertEquals(FRAME_SIZE, frame.size());
                    ByteBuffer data = frame.data();
                    for (int j = 0; j < FRAME_SIZE; j += 97) {
                        assertEquals(ToolsCli.sequential(i, j), data.get(j), "frame " + (i + 1) + " byte " + j);
                    }
                }
            }
            assertEquals(0, writer.awaitExit(Duration.ofSeconds(30)), writer.output());
            assertEquals("itest metadata", StandardCharsets.UTF_8.decode(reader.metadata()).toString());
            assertEquals(FRAMES, reader.framesRead());
        }
        BufferFiles.assertAllGone(name);
    }

    @Test
    void aWriterFromTheServiceFeedsTheCliReader() throws Exception {
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        String name = BufferFiles.unique(label() + "-w");
        Peer reader = ToolsCli.start("reader", name, "-n", String.valueOf(FRAMES), "-s", String.valueOf(FRAME_SIZE),
                "--verify", "sequential", "--buffer-size", String.valueOf(1 << 20), "--timeout-ms", "10000",
                "--json-output");
        try (Writer writer = factory.attachWriter(name, WriterOptions.defaults()
                .withAttachTimeout(Duration.ofSeconds(20)).withWriteTimeout(Duration.ofSeconds(10)))) {
            byte[] data = new byte[FRAME_SIZE];
            for (int i = 0; i < FRAMES; i++) {
                for (int j = 0; j < FRAME_SIZE; j++) {
                    data[j] = ToolsCli.sequential(i, j);
                }
                writer.write(data);
            }
            assertTrue(writer.drain(Duration.ofSeconds(20)), "the plain JVM reader did not consume every frame");
            assertEquals(FRAMES, writer.framesWritten());
        }
        assertEquals(0, reader.awaitExit(Duration.ofSeconds(30)), reader.output());
        String json = reader.output().replaceAll("\\s", "");
        assertTrue(json.contains("\"frames_read\":" + FRAMES + ","), reader.output());
        assertTrue(json.contains("\"verification_errors\":0,"), reader.output());
        BufferFiles.assertAllGone(name);
    }

    @Test
    void aConfiguredBufferAppearsChangesAndDisappearsWithItsConfiguration() throws Exception {
        ConfigurationAdmin configAdmin = osgi.service(ConfigurationAdmin.class, null, SERVICE_WAIT);
        String name = BufferFiles.unique(label() + "-cfg");
        String renamed = name + "-b";
        Configuration configuration = configAdmin.createFactoryConfiguration(READER_PID, null);
        try {
            configuration.update(readerProperties(name, 1024, 128 * 1024));
            ServiceReference<Reader> first = awaitReference(Reader.class, "(zerobuffer.name=" + name + ")");
            assertEquals(OsgiRuntime.ENGINE_BSN, first.getBundle().getSymbolicName());
            BufferFiles.assertAllPresent(name);
            assertEquals(128 + 1024 + 128 * 1024, BufferFiles.sharedMemorySize(name));

            // The published reader is live: the CLI writer writes, the service reads.
            Reader reader = osgi.context().getService(first);
            Peer writer = ToolsCli.start("writer", name, "-n", "10", "-s", "100", "--pattern", "sequential");
            for (int i = 0; i < 10; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(15))) {
                    assertNotNull(frame, "frame " + (i + 1) + " did not come: " + writer.output());
                    assertEquals(ToolsCli.sequential(i, 42), frame.data().get(42));
                }
            }
            assertEquals(0, writer.awaitExit(Duration.ofSeconds(30)), writer.output());
            reader.close(); // a consumer cannot close a configured buffer: the configuration owns it
            BufferFiles.assertAllPresent(name);
            assertEquals(10, reader.framesRead());
            osgi.context().ungetService(first);

            // Changing the sizes re-creates the buffer.
            configuration.update(readerProperties(name, 1024, 256 * 1024));
            ServiceReference<Reader> second = awaitReference(Reader.class,
                    "(&(zerobuffer.name=" + name + ")(zerobuffer.payload.size=" + 256 * 1024 + "))");
            assertNotEquals(first.getProperty(Constants.SERVICE_ID), second.getProperty(Constants.SERVICE_ID));
            assertEquals(128 + 1024 + 256 * 1024, BufferFiles.sharedMemorySize(name));
            assertEquals(1, osgi.references(Reader.class, "(zerobuffer.name=" + name + ")").size());

            // Renaming moves it.
            configuration.update(readerProperties(renamed, 0, 64 * 1024));
            awaitReference(Reader.class, "(zerobuffer.name=" + renamed + ")");
            BufferFiles.assertAllPresent(renamed);
            BufferFiles.assertAllGone(name);
            assertTrue(osgi.references(Reader.class, "(zerobuffer.name=" + name + ")").isEmpty());
        } finally {
            configuration.delete();
        }
        assertTrue(Await.holdsWithin(() -> osgi.references(Reader.class, "(zerobuffer.name=" + renamed + ")")
                .isEmpty() && BufferFiles.present(renamed).isEmpty(), SERVICE_WAIT),
                "deleting the configuration left " + BufferFiles.present(renamed));
    }

    @Test
    void anInvalidConfigurationIsLoggedAndPublishesNothing() throws Exception {
        ConfigurationAdmin configAdmin = osgi.service(ConfigurationAdmin.class, null, SERVICE_WAIT);
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger("io.zerobuffer.linux.osgi");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        String name = BufferFiles.unique(label() + "-bad");
        String taken = BufferFiles.unique(label() + "-taken");
        Configuration badSize = configAdmin.createFactoryConfiguration(READER_PID, null);
        Configuration badName = configAdmin.createFactoryConfiguration(READER_PID, null);
        Configuration nameTaken = configAdmin.createFactoryConfiguration(READER_PID, null);
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        try (Reader owner = factory.createReader(taken, BufferConfig.of(0, 4096))) {
            Dictionary<String, Object> properties = readerProperties(name, 1024, 4096);
            properties.put("payload.size", "64M");
            badSize.update(properties);
            badName.update(readerProperties("../" + name, 1024, 4096));
            nameTaken.update(readerProperties(taken, 0, 4096));
            assertTrue(Await.holdsWithin(() -> severeAbout(records, badSize.getPid(), "is invalid", "'payload.size' = '64M'")
                    && severeAbout(records, badName.getPid(), "is invalid", "contains '/'")
                    && severeAbout(records, nameTaken.getPid(), "could not be created", taken), SERVICE_WAIT),
                    "expected one SEVERE record per bad configuration, got " + messages(records));
            assertTrue(osgi.references(Reader.class, "(zerobuffer.name=" + name + ")").isEmpty());
            assertTrue(osgi.references(Reader.class, "(zerobuffer.name=../" + name + ")").isEmpty());
            assertTrue(osgi.references(Reader.class, "(zerobuffer.name=" + taken + ")").isEmpty());
            BufferFiles.assertAllGone(name);
            BufferFiles.assertAllPresent(taken); // the live owner keeps its buffer
        } finally {
            logger.removeHandler(handler);
            badSize.delete();
            badName.delete();
            nameTaken.delete();
        }
        BufferFiles.assertAllGone(taken);
    }

    @Test
    void stoppingTheEngineBundleFreesEveryResourceAndStartingItAgainWorks() throws Exception {
        ZeroBufferFactory factory = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
        ConfigurationAdmin configAdmin = osgi.service(ConfigurationAdmin.class, null, SERVICE_WAIT);
        String direct = BufferFiles.unique(label() + "-stop");
        String configured = BufferFiles.unique(label() + "-stopcfg");
        Configuration configuration = configAdmin.createFactoryConfiguration(READER_PID, null);
        try {
            Reader reader = factory.createReader(direct, BufferConfig.of(64, 64 * 1024));
            Writer writer = factory.attachWriter(direct);
            writer.write(new byte[] { 1, 2, 3 });
            configuration.update(readerProperties(configured, 64, 64 * 1024));
            awaitReference(Reader.class, "(zerobuffer.name=" + configured + ")");
            BufferFiles.assertAllPresent(direct);
            BufferFiles.assertAllPresent(configured);

            Bundle engine = osgi.bundle(OsgiRuntime.ENGINE_BSN);
            engine.stop();
            BufferFiles.assertAllGone(direct);
            BufferFiles.assertAllGone(configured);
            assertTrue(osgi.references(ZeroBufferFactory.class, null).isEmpty());
            assertTrue(osgi.references(BufferDirectory.class, null).isEmpty());
            assertTrue(osgi.references(Reader.class, "(zerobuffer.name=" + configured + ")").isEmpty());
            assertThrows(IllegalStateException.class, () -> reader.read(Duration.ZERO), "the reader was not closed");

            engine.start();
            assertEquals(Bundle.ACTIVE, engine.getState());
            awaitReference(Reader.class, "(zerobuffer.name=" + configured + ")");
            BufferFiles.assertAllPresent(configured);
            ZeroBufferFactory again = osgi.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
            try (Reader reader2 = again.createReader(direct, BufferConfig.of(64, 64 * 1024));
                    Writer writer2 = again.attachWriter(direct)) {
                writer2.write(new byte[] { 7 });
                try (Frame frame = reader2.read(Duration.ofSeconds(5))) {
                    assertNotNull(frame);
                    assertEquals(7, frame.data().get(0));
                }
            }
            BufferFiles.assertAllGone(direct);
        } finally {
            configuration.delete();
            Bundle engine = osgi.bundle(OsgiRuntime.ENGINE_BSN);
            if (engine.getState() != Bundle.ACTIVE) {
                engine.start(); // leave the framework as the other tests expect it, even after a failure
            }
        }
        assertTrue(Await.holdsWithin(() -> BufferFiles.present(configured).isEmpty(), SERVICE_WAIT),
                "deleting the configuration left " + BufferFiles.present(configured));
    }

    @Test
    void shuttingTheFrameworkDownFreesEveryResource() throws Exception {
        String direct = BufferFiles.unique(label() + "-fw");
        String configured = BufferFiles.unique(label() + "-fwcfg");
        OsgiRuntime second = OsgiRuntime.launch(label() + "-shutdown");
        try {
            ZeroBufferFactory factory = second.service(ZeroBufferFactory.class, null, SERVICE_WAIT);
            factory.createReader(direct, BufferConfig.of(64, 64 * 1024));
            factory.attachWriter(direct).write(new byte[] { 1 });
            second.service(ConfigurationAdmin.class, null, SERVICE_WAIT)
                    .createFactoryConfiguration(READER_PID, null).update(readerProperties(configured, 0, 4096));
            second.service(Reader.class, "(zerobuffer.name=" + configured + ")", SERVICE_WAIT);
            BufferFiles.assertAllPresent(direct);
            BufferFiles.assertAllPresent(configured);
        } finally {
            second.close();
        }
        BufferFiles.assertAllGone(direct);
        BufferFiles.assertAllGone(configured);
    }

    private <T> ServiceReference<T> awaitReference(Class<T> type, String filter) throws InterruptedException {
        List<ServiceReference<T>> found = new ArrayList<>();
        boolean appeared = Await.holdsWithin(() -> {
            found.clear();
            found.addAll(osgi.references(type, filter));
            return !found.isEmpty();
        }, SERVICE_WAIT);
        assertTrue(appeared, "no " + type.getSimpleName() + " service " + (filter == null ? "" : filter)
                + " within " + SERVICE_WAIT);
        return found.get(0);
    }

    private static Dictionary<String, Object> readerProperties(String name, long metadataSize, long payloadSize) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("metadata.size", metadataSize);
        properties.put("payload.size", payloadSize);
        return properties;
    }

    private static boolean severeAbout(List<LogRecord> records, String pid, String what, String detail) {
        synchronized (records) {
            return records.stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getMessage().contains(pid)
                    && r.getMessage().contains(what) && r.getMessage().contains(detail));
        }
    }

    private static List<String> messages(List<LogRecord> records) {
        synchronized (records) {
            return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
    }
}
