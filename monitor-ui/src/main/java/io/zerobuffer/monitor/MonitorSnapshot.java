package io.zerobuffer.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One poll of every buffer: immutable, built off the UI thread and handed to the views.
 *
 * @param time     when it was taken
 * @param rows     every buffer the filter shows, sorted by name
 * @param channels every duplex channel among them ({@code C_request} and {@code C_response})
 * @param selected the selected buffer's detail, if one is selected and still there
 * @param error    what went wrong in this poll, or null (shown as text, never as a dialog)
 */
public record MonitorSnapshot(Instant time, List<BufferRow> rows, List<ChannelRow> channels,
        Optional<BufferDetail> selected, String error) {
    /**
     * @param name a buffer name
     * @return its row, if listed
     */
    public Optional<BufferRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
