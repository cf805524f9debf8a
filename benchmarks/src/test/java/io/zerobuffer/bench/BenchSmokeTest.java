package io.zerobuffer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short run of the cross-process harness (two worker JVMs, tiny counts): the JSON is
 * well-formed and complete, every figure is positive, percentiles are ordered, and the table
 * renders. Nothing here is timed: the figures of a smoke run mean nothing.
 */
class BenchSmokeTest {

    @Test
    void aQuickRunProducesWellFormedOutputWithPositiveFigures() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--runs", "1", "--placement", "unpinned", "--json");
        ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, new PrintStream(progressBytes, true, StandardCharsets.UTF_8));
        String progress = progressBytes.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("one-way 64 B blocking"), progress);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) new Json(report.toJson()).parse();
        assertEquals("zerobuffer", json.get("benchmark"));
        List<Object> placements = list(json.get("placements"));
        assertEquals(1, placements.size());
        Map<String, Object> placement = map(placements.get(0));
        assertEquals("unpinned", placement.get("placement"));

        List<Object> copies = list(placement.get("copy"));
        assertEquals(Bench.COPY_BLOCKS.length * Bench.COPY_MODES.length, copies.size());
        for (Object copy : copies) {
            assertPositive(map(map(copy).get("gb_per_s")).get("median"), "copy " + copy);
        }
        assertOrderedPercentiles(map(placement.get("semaphore_pingpong")), "semaphore ping-pong");

        List<Object> throughput = list(placement.get("throughput"));
        assertEquals(Bench.DEFAULT_SIZES.length * 2, throughput.size());
        for (Object entry : throughput) {
            Map<String, Object> t = map(entry);
            assertPositive(map(t.get("frames_per_s")).get("median"), "frames/s " + t);
            assertPositive(map(t.get("mib_per_s")).get("median"), "MiB/s " + t);
            assertTrue(number(map(t.get("reader_alloc_bytes_per_frame")).get("median")) >= 0, "alloc " + t);
        }
        List<Object> pingPong = list(placement.get("pingpong"));
        assertEquals(Bench.DEFAULT_PING_PONG_SIZES.length * 2, pingPong.size());
        for (Object entry : pingPong) {
            assertOrderedPercentiles(map(map(entry).get("latency")), "ping-pong " + entry);
        }
        List<Object> duplex = list(placement.get("duplex"));
        assertEquals(Bench.DEFAULT_PING_PONG_SIZES.length * 2, duplex.size());
        for (Object entry : duplex) {
            assertOrderedPercentiles(map(map(entry).get("latency")), "duplex " + entry);
        }
        List<Object> targets = list(placement.get("targets"));
        assertFalse(targets.isEmpty());
        for (Object target : targets) {
            assertTrue(map(target).get("met") instanceof Boolean, "target " + target);
            assertPositive(map(target).get("limit"), "target " + target);
        }

        String table = report.toTable();
        assertTrue(table.contains("== placement: unpinned"), table);
        assertTrue(table.contains("one-way throughput"), table);
        assertTrue(table.contains("ping-pong round trip"), table);
        assertTrue(table.contains("duplex round trip"), table);
        assertTrue(table.contains("data-less ping-pong on two named semaphores"), table);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--placement", "moon"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--wait", "sleepy"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs"));
        assertEquals(List.of("same", "apart"), BenchOptions.parse().placements);
    }

    private static void assertOrderedPercentiles(Map<String, Object> latency, String what) {
        assertNotNull(latency, what);
        double p50 = number(map(latency.get("p50_us")).get("median"));
        double p90 = number(map(latency.get("p90_us")).get("median"));
        double p99 = number(map(latency.get("p99_us")).get("median"));
        double max = number(map(latency.get("max_us")).get("median"));
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max, what + ": " + latency);
    }

    private static void assertPositive(Object value, String what) {
        assertTrue(number(value) > 0, what);
    }

    private static double number(Object value) {
        assertTrue(value instanceof Double, "not a number: " + value);
        return (Double) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "not an object: " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertTrue(value instanceof List, "not an array: " + value);
        return (List<Object>) value;
    }

    /** A strict little JSON parser: enough to prove the output is well-formed. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object value = value();
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + i);
            }
            return value;
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    m.put(key, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    c = s.charAt(i++);
                }
                b.append(c);
            }
            i++;
            return b.toString();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + ", found '" + s.charAt(i) + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    @Test
    void theHelpSpeaksToUsersAndJudgesOnlyAgainstThisRun() {
        String usage = Bench.usage();
        assertFalse(usage.toLowerCase(java.util.Locale.ROOT).contains("issue"), usage);
        assertTrue(usage.contains("--peer-cmd"), usage);
        for (java.lang.reflect.Field field : Bench.class.getDeclaredFields()) {
            assertFalse(field.getName().startsWith("CPP"), "a fixed figure from elsewhere: " + field);
        }
    }

    @Test
    void aPeerIsJudgedByTheRateItPrintsInTheSameRun() throws Exception {
        assertEquals(6_390_000, PeerResult.parseRate("warm-up 12 frames/s\nthroughput: 6.39 M frames/s\n"), 1);
        assertEquals(1_234_567.5, PeerResult.parseRate("1,234,567.5 frames/s"), 1e-6);
        assertThrows(java.io.IOException.class, () -> PeerResult.parseRate("no rate here"));

        BenchOptions options = BenchOptions.parse("--quick", "--runs", "1", "--placement", "unpinned", "--tests",
                "throughput", "--wait", "blocking", "--sizes", "64", "--peer-cmd", "echo '1000 frames/s'",
                "--peer-size", "512");
        BenchReport report = Bench.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(1000, report.peers.get(0).framesPerSecond.median(), 1e-9);
        PlacementResult placement = report.placements.get(0);
        assertNotNull(placement.throughput(512, "blocking"), "ours is measured at the peer's frame size");
        List<Target> judged = placement.targets.stream().filter(t -> t.name.contains("peer")).toList();
        assertEquals(1, judged.size(), "one wait strategy, one comparison with the peer");
        assertEquals(placement.throughput(512, "blocking").framesPerSecond.median() / 1000, judged.get(0).value, 1e-9);
        assertTrue(report.toTable().contains("peer (run 1 times"), report.toTable());
        assertTrue(report.toJson().contains("\"peers\":[{\"name\":\"peer\",\"command\""), report.toJson());
    }
}
