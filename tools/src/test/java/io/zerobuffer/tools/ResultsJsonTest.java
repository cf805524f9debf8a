package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }

    @Test
    void readResultHasTheKeysOfCliMdInOrder() throws Exception {
        JsonNode json = MAPPER.readTree(Results.toJson(new Results.Read("read", "b", 3, 1024, 5, 0.5, 0.0058, 0,
                List.of(new Results.FrameChecksum(0, "abc")), List.of())));
        assertEquals(List.of("operation", "buffer_name", "frames_read", "frame_size", "metadata_size",
                "duration_seconds", "throughput_mbps", "verification_errors", "checksums", "errors"), keys(json));
        assertEquals(List.of("frame", "checksum"), keys(json.get("checksums").get(0)));
    }

    @Test
    void theDocumentIsOneLineLikeThePeersPrintIt() {
        String json = Results.toJson(new Results.Read("read", "b", 3, 1024, 5, 0.5, 0.0058, 0, List.of(), List.of()));
        assertEquals(-1, json.indexOf('\n'), json);
    }

    @Test
    void errorListKeepsAHundredEntriesAndCountsTheRest() {
        ErrorList errors = new ErrorList();
        for (int i = 0; i < 250; i++) {
            errors.add("e" + i);
        }
        List<String> list = errors.toList();
        assertEquals(ErrorList.LIMIT + 1, list.size());
        assertEquals("150 more errors not listed", list.get(ErrorList.LIMIT));
    }
}
