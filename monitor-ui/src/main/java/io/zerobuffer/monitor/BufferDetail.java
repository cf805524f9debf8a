package io.zerobuffer.monitor;

import io.zerobuffer.api.RingLayout;

/**
 * What the monitor shows about the selected buffer.
 *
 * @param row      its list line
 * @param ring     its ring geometry and sequence numbers
 * @param metadata the start of its metadata (empty array if none)
 * @param history  the last minute of rates: {seconds before now, frames/s, MiB/s}
 */
public record BufferDetail(BufferRow row, RingLayout ring, byte[] metadata, double[][] history) {
}
