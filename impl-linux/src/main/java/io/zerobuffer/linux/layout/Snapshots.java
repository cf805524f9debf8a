package io.zerobuffer.linux.layout;

import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.linux.posix.Processes;

/** Turns a mapped OIEB into a {@link BufferStatus} snapshot. Thread-safe. */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Reads every OIEB field once and checks the liveness of both pids.
     *
     * @param name the buffer name
     * @param oieb the mapped header (read-only mappings work)
     * @return the snapshot
     */
    public static BufferStatus of(String name, Oieb oieb) {
        long writerPid = oieb.writerPid();
        long readerPid = oieb.readerPid();
        // read count before written count: the reader never passes the writer, so the snapshot
        // then never shows more read than written (BufferStatus.corruption() relies on that)
        long readCount = oieb.readCount();
        long writtenCount = oieb.writtenCount();
        return new BufferStatus(name, oieb.oiebSize(), oieb.versionMajor(), oieb.versionMinor(), oieb.versionPatch(),
                oieb.metadataSize(), oieb.metadataFreeBytes(), oieb.metadataWrittenBytes(),
                oieb.payloadSize(), oieb.payloadFreeBytes(), oieb.writePosition(), oieb.readPosition(),
                writtenCount, readCount, writerPid, readerPid,
                Processes.stateOf(writerPid), Processes.stateOf(readerPid));
    }
}
