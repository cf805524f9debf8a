package io.zerobuffer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Peer templates: the placeholders are filled in per cell, the peer runs after each of our runs
 * of that cell, and each cell is judged by its own ratio. The fake peers only echo; nothing is timed.
 */
class PeerTemplateTest {

    @Test
    void placeholdersAreFilledInAndOtherBracesLeftAlone() {
        assertTrue(PeerCommand.isTemplate("prog {size} {frames}"));
        assertFalse(PeerCommand.isTemplate("echo '123 frames/s'"));
        assertFalse(PeerCommand.isTemplate("awk '{print}' f"), "only known names are placeholders");
        assertEquals("prog 64 3000 awk '{print}'", PeerCommand.expand("prog {size} {frames} awk '{print}'",
                Map.of("size", "64", "frames", "3000")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerCommand.expand("prog {iterations}", Map.of("size", "64")));
        assertTrue(e.getMessage().contains("{iterations}"), e.getMessage());
        assertTrue(PeerCommand.expand("{java} Main", Map.of()).contains(" -cp "), "{java} runs this JVM");
        assertEquals("3", PeerCommand.cpu(3));
        assertEquals("0-" + (Runtime.getRuntime().availableProcessors() - 1), PeerCommand.cpu(-1), "unpinned: every CPU");
    }

    @Test
    void roundTripMediansAreParsedInEitherOrder() throws IOException {
        assertEquals(0.35, PeerCommand.parseP50Micros("warm-up done\n0.35 us p50\n"), 1e-12);
        assertEquals(12.5, PeerCommand.parseP50Micros("p50 3.0 us\np50: 12.5 us p99 20 us\n"), 1e-12);
        assertThrows(IOException.class, () -> PeerCommand.parseP50Micros("123 frames/s"));
    }

    @Test
    void aTemplatePeerRunsInEveryCellAndEachCellHasItsRatio() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--runs", "2", "--placement", "unpinned", "--tests",
                "throughput,pingpong", "--wait", "blocking,spin", "--sizes", "64,2048", "--pp-sizes", "64",
                "--peer-name", "fake",
                "--peer-cmd", "echo '{placement} {wait} {cpuA} {cpuB} {ring}'; echo '{size}000 frames/s'",
                "--peer-pingpong-cmd", "echo '{size} {iterations} {warmup} {wait}'; echo 'p50 {size}.5 us'");
        assertTrue(options.peerTemplate());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertNull(report.peer, "a template is not the single-size peer");
        PlacementResult placement = report.placements.get(0);
        assertEquals(4, placement.throughput.size(), "the peer size is not added for a template");
        String all = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        for (ThroughputResult t : placement.throughput) {
            assertNotNull(t.peer, "peer ran in " + t.size + " " + t.strategy);
            assertEquals("echo 'unpinned " + t.strategy + " " + all + " " + all + " " + options.ring + "'; echo '" + t.size
                    + "000 frames/s'", t.peer.command);
            assertEquals(List.of(t.size * 1000.0, t.size * 1000.0), t.peer.value.runs, "once after each of our runs");
            assertEquals(t.framesPerSecond.median() / (t.size * 1000.0), t.peerRatio(), 1e-12);
            Target judged = placement.targets.stream()
                    .filter(x -> x.name.equals(Format.bytes(t.size) + " one-way frames/s (" + t.strategy + ") / fake's"))
                    .findFirst().orElseThrow();
            assertEquals(t.peerRatio(), judged.value, 1e-12);
            assertEquals(t.size <= 1024 ? 2.0 : 1.0, judged.limit, 0.0);
            assertTrue(judged.higherIsBetter);
        }
        for (PingPongResult p : placement.pingPong) {
            assertNotNull(p.peer, "peer ran in ping-pong " + p.strategy);
            assertEquals("echo '64 " + p.iterations + " " + p.warmUp + " " + p.strategy + "'; echo 'p50 64.5 us'",
                    p.peer.command);
            assertEquals(64.5, p.peer.value.median(), 1e-12);
            Target judged = placement.targets.stream()
                    .filter(x -> x.name.equals("64 B ping-pong p50 (" + p.strategy + ") / fake's")).findFirst().orElseThrow();
            assertEquals(p.latency.p50.median() / 64.5, judged.value, 1e-12);
            assertFalse(judged.higherIsBetter);
        }
        String table = report.toTable();
        assertTrue(table.contains("ours/fake"), table);
        assertTrue(table.contains("/ fake's"), table);
        String json = report.toJson();
        Object parsed = new BenchSmokeTest.Json(json).parse();
        assertNotNull(parsed);
        assertTrue(json.contains("\"ratio_ours_to_peer\":"), json);
        assertTrue(json.contains("\"frames_per_s\":{\"median\":64000,"), json);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("fake one-way 64 B blocking run 1/2"), progress.toString());
    }

    @Test
    void withoutAPeerNothingIsJudgedAgainstOne() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--runs", "1", "--placement", "unpinned", "--tests",
                "throughput", "--wait", "spin", "--sizes", "64");
        PlacementResult placement = Bench.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).placements.get(0);
        assertNull(placement.throughput(64, "spin").peer);
        assertTrue(Double.isNaN(placement.throughput(64, "spin").peerRatio()));
        assertTrue(placement.targets.stream().noneMatch(t -> t.name.contains("peer") || t.name.contains("'s")));
    }

    @Test
    void aPeerThatFailsCostsItsFigureNotTheRun() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--runs", "2", "--placement", "unpinned", "--tests",
                "throughput,pingpong", "--wait", "blocking", "--sizes", "64,2048", "--pp-sizes", "64",
                "--peer-name", "flaky",
                "--peer-cmd", "test {size} = 64 && echo 'no reader' && exit 1; echo '{size}000 frames/s'",
                "--peer-pingpong-cmd", "echo '{size}'; exit 3");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PlacementResult placement = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .placements.get(0);
        assertNull(placement.throughput(64, "blocking").peer, "every run of the peer failed: no peer figure");
        assertNotNull(placement.throughput(64, "blocking").framesPerSecond.median(), "ours is still measured");
        assertEquals(2048_000.0, placement.throughput(2048, "blocking").peer.value.median(), 0.0);
        assertNull(placement.pingPong.get(0).peer);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("flaky failed, no figure for this run"),
                progress.toString());
    }

    @Test
    void aPingPongPeerMustBeATemplate() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--peer-pingpong-cmd", "echo 'p50 1 us'"));
    }
}
