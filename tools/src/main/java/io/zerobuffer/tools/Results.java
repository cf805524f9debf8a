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

    /** The writer's result. */
    @JsonPropertyOrder({"operation", "buffer_name", "frames_written", "frame_size", "metadata_size",
        "duration_seconds", "throughput_mbps", "errors"})
    record Write(
            @JsonProperty("operation") String operation,
            @JsonProperty("buffer_name") String bufferName,
            @JsonProperty("frames_written") long framesWritten,
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
}
