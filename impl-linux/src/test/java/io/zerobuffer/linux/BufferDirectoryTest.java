package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferEntry;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.LockFileState;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.RingLayout;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LinuxBufferDirectory} against real buffers in /dev/shm. */
class BufferDirectoryTest {
    private LinuxZeroBufferFactory factory;
    private LinuxBufferDirectory directory;
    private final List<String> rawFiles = new ArrayList<>();
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        directory = new LinuxBufferDirectory();
        name = BufferNames.unique("dir");
    }

    @AfterEach
    void tearDown() throws Exception {
        directory.close();
        factory.close();
        for (String raw : rawFiles) {
            TestBuffers.removeRaw(raw);
        }
        Leftovers.assertNone(name);
    }

    private Optional<BufferStatus> listed(String buffer) {
        return directory.list().stream().filter(s -> s.name().equals(buffer)).findFirst();
    }

    @Test
    void aBufferTheEngineCreatedIsListedWithItsCounts() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        Writer writer = factory.attachWriter(name);
        writer.writeMetadata("width=1920 height=1080".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5; i++) {
            writer.write(new byte[100]);
        }
        for (int i = 0; i < 2; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertNotNull(frame);
            }
        }

        BufferStatus status = listed(name).orElseThrow(() -> new AssertionError(name + " not in " + directory.list()));
        assertEquals(128, status.oiebSize());
        assertEquals(1, status.versionMajor());
        assertEquals(1024, status.metadataSize());
        assertEquals(64 * 1024, status.payloadSize());
        assertEquals(5, status.writtenCount());
        assertEquals(2, status.readCount());
        assertEquals(3, status.framesInFlight());
        assertEquals(64 * 1024 - 3 * 116, status.payloadFreeBytes());
        assertEquals(5 * 116, status.writePosition());
        assertEquals(2 * 116, status.readPosition());
        assertEquals(3 * 116 / 65536.0, status.utilisation(), 1e-9);
        assertEquals(Health.HEALTHY, status.health());
        assertEquals(Processes.currentPid(), status.readerPid());
        assertEquals(Processes.currentPid(), status.writerPid());
        assertEquals(ProcessState.ALIVE, status.readerState());
        assertEquals(ProcessState.ALIVE, status.writerState());
        assertEquals(status, directory.find(name).orElseThrow());
        assertArrayEquals("width=1920 height=1080".getBytes(StandardCharsets.US_ASCII),
                directory.metadataPreview(name, 4096).orElseThrow());
        assertArrayEquals("width".getBytes(StandardCharsets.US_ASCII), directory.metadataPreview(name, 5).orElseThrow());

        BufferEntry entry = directory.entry(name).orElseThrow();
        assertEquals(LockFileState.HELD, entry.lockFile(), "the reader holds its flock");
        assertEquals(Processes.currentPid(), entry.lockHolderPid());
        assertEquals(128 + 1024 + 64 * 1024, entry.segmentBytes());
        assertEquals(116, entry.sampledFrameBytes());
        writer.close();
        reader.close();
    }

    @Test
    void garbageAndHalfMadeFilesInDevShmAreIgnored() throws Exception {
        byte[] garbage = new byte[8192];
        ThreadLocalRandom.current().nextBytes(garbage);
        String random = raw(name + "-garbage", garbage);
        String zero = raw(name + "-zero", new byte[8192]);
        String tooBig = raw(name + "-toobig", oieb(1024, 1L << 40, 8192));
        String major2 = raw(name + "-major2", withMajor(oieb(0, 4096, 4096 + 128), 2));
        String tiny = raw(name + "-tiny", new byte[12]);
        String valid = raw(name + "-valid", oieb(0, 4096, 4096 + 128));

        List<String> names = directory.list().stream().map(BufferStatus::name).toList();
        for (String ignored : List.of(random, zero, tooBig, major2, tiny)) {
            assertFalse(names.contains(ignored), ignored + " is not a v1 buffer: " + names);
            assertTrue(directory.find(ignored).isEmpty(), ignored);
            assertTrue(directory.metadataPreview(ignored, 10).isEmpty(), ignored);
        }
        assertTrue(names.contains(valid), "a hand-made valid OIEB is a buffer (any language may have made it): " + names);
        BufferEntry entry = directory.entry(valid).orElseThrow();
        assertEquals(ProcessState.ABSENT, entry.status().readerState());
        assertEquals(LockFileState.MISSING, entry.lockFile());
        assertTrue(directory.find("../etc/passwd").isEmpty());
        assertTrue(directory.find("sem.sem-w-" + name).isEmpty());
    }

    @Test
    void aClosedBufferVanishesAndItsMappingIsDropped() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        assertTrue(listed(name).isPresent());
        reader.close();
        assertTrue(listed(name).isEmpty(), "closed buffer still listed");
        assertTrue(directory.find(name).isEmpty());
        assertTrue(directory.ringLayout(name).isEmpty());
    }

    @Test
    void aBufferCreatedAgainUnderTheSameNameIsSeenAfresh() throws Exception {
        Reader first = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        writer.close();
        assertEquals(1, directory.find(name).orElseThrow().writtenCount());
        first.close();
        Reader second = factory.createReader(name, BufferConfig.of(0, 8192));
        BufferStatus again = directory.find(name).orElseThrow();
        assertEquals(0, again.writtenCount(), "the new segment, not the cached old mapping");
        assertEquals(8192, again.payloadSize());
        second.close();
    }

    @Test
    void aKilledReaderShowsDeadWithAStaleLockFile() throws Exception {
        try (Peer peer = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            peer.awaitLine("READY");
            BufferEntry held = directory.entry(name).orElseThrow();
            assertEquals(ProcessState.ALIVE, held.status().readerState());
            assertEquals(LockFileState.HELD, held.lockFile());
            assertEquals(peer.pid(), held.lockHolderPid());
            peer.kill9();
            BufferEntry stale = directory.entry(name).orElseThrow();
            assertEquals(ProcessState.DEAD, stale.status().readerState());
            assertEquals(LockFileState.NOT_HELD, stale.lockFile(), "nobody holds the lock of a killed reader");
        } finally {
            TestBuffers.removeRaw(name);
        }
    }

    @Test
    void theWastedTailOfAWrappedRingIsFound() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 4; i++) {
            writer.write(new byte[200]);
        }
        for (int i = 0; i < 3; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertNotNull(frame);
            }
        }
        RingLayout before = directory.ringLayout(name).orElseThrow();
        assertEquals(-1, before.tailStart());
        assertFalse(before.wrapped());
        assertEquals(216, before.inFlightBytes());
        assertEquals(4, before.nextSequence(), "the 4th frame is the one unread");
        assertEquals(200, before.nextFrameBytes());
        assertEquals(4, before.lastSequence(), "four frames written");
        assertEquals(1, before.sequenceGap());

        writer.write(new byte[200]); // 160 bytes left at the end: marker at 864, frame at 0
        RingLayout wrapped = directory.ringLayout(name).orElseThrow();
        assertTrue(wrapped.wrapped());
        assertEquals(648, wrapped.readPosition());
        assertEquals(216, wrapped.writePosition());
        assertEquals(864, wrapped.tailStart());
        assertEquals(160, wrapped.tailBytes());
        assertEquals(216 + 216, wrapped.inFlightBytes());
        assertEquals(216 + 160 + 216, wrapped.usedBytes());
        assertEquals(4, wrapped.nextSequence());
        assertEquals(5, wrapped.lastSequence(), "the frame at 0, past the marker");
        assertEquals(2, wrapped.sequenceGap());
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame);
        }
        RingLayout pastTheTail = directory.ringLayout(name).orElseThrow();
        assertEquals(864, pastTheTail.readPosition(), "the reader stops at the marker until its next read");
        assertEquals(864, pastTheTail.tailStart());
        assertEquals(5, pastTheTail.nextSequence(), "the frame after the marker, at 0");
        writer.close();
        reader.close();
    }

    @Test
    void sequenceNumbersOfAnEmptyABusyAndALongLapRing() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 128 * 1024));
        RingLayout fresh = directory.ringLayout(name).orElseThrow();
        assertEquals(0, fresh.lastSequence(), "nothing written yet");
        assertEquals(1, fresh.nextSequence(), "the first frame will be #1");
        assertEquals(0, fresh.sequenceGap());
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 5000; i++) { // 5,000 x 17 bytes: more frames than the walk follows
            writer.write(new byte[1]);
            if (i < 4990) {
                try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                    assertNotNull(frame);
                }
            }
        }
        RingLayout busy = directory.ringLayout(name).orElseThrow();
        assertEquals(4991, busy.nextSequence());
        assertEquals(5000, busy.lastSequence(), "counted from the next unread one");
        assertEquals(10, busy.sequenceGap());
        for (int i = 0; i < 10; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertNotNull(frame);
            }
        }
        RingLayout emptyLongLap = directory.ringLayout(name).orElseThrow();
        assertEquals(5000, emptyLongLap.lastSequence(), "5,000 frames of one size: the last one found in one look");
        assertEquals(5001, emptyLongLap.nextSequence());
        assertEquals(0, emptyLongLap.sequenceGap());
        writer.write(new byte[60_000]); // does not fit the 46,072 bytes left: a wrap, a marker, then 0
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame);
        }
        writer.write(new byte[60_000]);
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame);
        }
        RingLayout drained = directory.ringLayout(name).orElseThrow();
        assertEquals(5002, drained.lastSequence(), "the current lap, followed from offset 0");
        assertEquals(0, drained.readPosition() == drained.writePosition() ? 0 : 1, "an empty ring");
        assertEquals(5003, drained.nextSequence(), "nothing unread: the next frame's number");
        assertEquals(0, drained.sequenceGap());
        writer.close();
        reader.close();
    }

    @Test
    void pollingAQuietBufferChangesNotOneByteOfItsSegmentOrSemaphores() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(256, 4096));
        Writer writer = factory.attachWriter(name);
        writer.writeMetadata("quiet".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 30; i++) { // wraps a few times
            writer.write(new byte[1 + i * 13]);
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertNotNull(frame);
            }
        }
        writer.write(new byte[300]); // one frame left in flight
        List<Path> objects = List.of(Path.of("/dev/shm", name), Path.of("/dev/shm", "sem.sem-w-" + name),
                Path.of("/dev/shm", "sem.sem-r-" + name), Path.of("/tmp/zerobuffer", name + ".lock"));
        Map<Path, byte[]> before = new HashMap<>();
        for (Path object : objects) {
            before.put(object, Files.readAllBytes(object));
        }
        String locksBefore = ourLocks();

        for (int i = 0; i < 300; i++) {
            directory.list();
            directory.entries();
            directory.find(name);
            directory.metadataPreview(name, 4096);
            directory.ringLayout(name);
        }
        String locksDuring = ourLocks();
        directory.close();

        for (Path object : objects) {
            byte[] after = Files.readAllBytes(object);
            assertEquals(before.get(object).length, after.length, object.toString());
            for (int i = 0; i < after.length; i++) {
                if (after[i] != before.get(object)[i]) {
                    throw new AssertionError("byte " + i + " of " + object + " changed from " + before.get(object)[i]
                            + " to " + after[i] + " while the directory only watched");
                }
            }
        }
        assertEquals(locksBefore, locksDuring, "the directory took no lock");
        writer.close();
        reader.close();
    }

    /** @return the locks /proc/locks lists for this JVM */
    private static String ourLocks() throws Exception {
        String self = " " + Processes.currentPid() + " ";
        // without the leading ordinal, which shifts as other processes take and drop locks
        return String.join("\n", Files.readAllLines(Path.of("/proc/locks")).stream().filter(l -> l.contains(self))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).sorted().toList());
    }

    private String raw(String file, byte[] content) throws Exception {
        rawFiles.add(file);
        TestBuffers.writeRawSegment(file, ByteBuffer.wrap(content));
        return file;
    }

    private static byte[] oieb(long metadataSize, long payloadSize, int fileSize) {
        ByteBuffer b = ByteBuffer.allocate(fileSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 128);
        b.put(4, (byte) 1);
        b.putLong(0x08, metadataSize);
        b.putLong(0x10, metadataSize);
        b.putLong(0x20, payloadSize);
        b.putLong(0x28, payloadSize);
        return b.array();
    }

    private static byte[] withMajor(byte[] oieb, int major) {
        oieb[4] = (byte) major;
        return oieb;
    }
}
