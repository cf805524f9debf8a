package io.zerobuffer.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The JSON documents the commands print with {@code --json-output}: the keys, order and
 * types of the peers' tools (docs/CLI.md). Serialised by Jackson, never by hand.
 */
final class Results {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Results() {
    }

    /** @return the document as one line of JSON, as the peers' tools print it */
    static String toJson(Object result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + result.getClass().getSimpleName(), e);
        }
    }

    /** MiB per second, as the peers compute {@code throughput_mbps}. */
    static double mibPerSecond(long bytes, double seconds) {
        return seconds > 0 ? bytes / (1024.0 * 1024.0) / seconds : 0.0;
    }

    /**
     * The writer's result; {@code frames_consumed} (frames the reader took, from the shared
     * counters) is an extension of this implementation, harmless to scripts that ignore it.
     */
    @JsonPropertyOrder({"operation", "buffer_name", "frames_written", "frames_consumed", "frame_size",
        "metadata_size", "duration_seconds", "throughput_mbps", "errors"})
    record Write(
            @JsonProperty("operation") String operation,
            @JsonProperty("buffer_name") String bufferName,
            @JsonProperty("frames_written") long framesWritten,
            @JsonProperty("frames_consumed") long framesConsumed,
            @JsonProperty("frame_size") int frameSize,
            @JsonProperty("metadata_size") long metadataSize,
            @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("throughput_mbps") double throughputMbps,
            @JsonProperty("errors") List<String> errors) {
    }

    /** One entry of the reader's {@code checksums} list. */
    @JsonPropertyOrder({"frame", "checksum"})
    record FrameChecksum(@JsonProperty("frame") long frame, @JsonProperty("checksum") String checksum) {
    }

    /** The reader's result. */
    @JsonPropertyOrder({"operation", "buffer_name", "frames_read", "frame_size", "metadata_size",
        "duration_seconds", "throughput_mbps", "verification_errors", "checksums", "errors"})
    record Read(
            @JsonProperty("operation") String operation,
            @JsonProperty("buffer_name") String bufferName,
            @JsonProperty("frames_read") long framesRead,
            @JsonProperty("frame_size") int frameSize,
            @JsonProperty("metadata_size") long metadataSize,
            @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("throughput_mbps") double throughputMbps,
            @JsonProperty("verification_errors") long verificationErrors,
            @JsonProperty("checksums") List<FrameChecksum> checksums,
            @JsonProperty("errors") List<String> errors) {
    }

    /**
     * The relay's result (docs/CLI.md, "relay"): the common contract gives no key list for it;
     * these are the fields of the C# peer's relay result in the snake_case of the other two.
     */
    @JsonPropertyOrder({"operation", "input_buffer", "output_buffer", "frames_relayed", "metadata_relayed",
        "metadata_size", "total_bytes", "duration_seconds", "throughput_mbps", "errors"})
    record Relay(
            @JsonProperty("operation") String operation,
            @JsonProperty("input_buffer") String inputBuffer,
            @JsonProperty("output_buffer") String outputBuffer,
            @JsonProperty("frames_relayed") long framesRelayed,
            @JsonProperty("metadata_relayed") boolean metadataRelayed,
            @JsonProperty("metadata_size") long metadataSize,
            @JsonProperty("total_bytes") long totalBytes,
            @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("throughput_mbps") double throughputMbps,
            @JsonProperty("errors") List<String> errors) {
    }

    /** The soak run's result (not part of the common contract). */
    @JsonPropertyOrder({"operation", "buffer_name", "seed", "frames_written", "frames_received", "bytes_received",
        "lost", "reordered", "corrupted", "sem_r_presets", "sem_r_overflows", "duration_seconds",
        "frames_per_second", "throughput_mbps", "errors"})
    record Soak(
            @JsonProperty("operation") String operation,
            @JsonProperty("buffer_name") String bufferName,
            @JsonProperty("seed") long seed,
            @JsonProperty("frames_written") long framesWritten,
            @JsonProperty("frames_received") long framesReceived,
            @JsonProperty("bytes_received") long bytesReceived,
            @JsonProperty("lost") long lost,
            @JsonProperty("reordered") long reordered,
            @JsonProperty("corrupted") long corrupted,
            @JsonProperty("sem_r_presets") long semRPresets,
            @JsonProperty("sem_r_overflows") long semROverflows,
            @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("frames_per_second") double framesPerSecond,
            @JsonProperty("throughput_mbps") double throughputMbps,
            @JsonProperty("errors") List<String> errors) {
    }
}
