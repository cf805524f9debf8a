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
        assertEquals(1, options.peers.size());
        assertTrue(options.peers.get(0).oneWayTemplate());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertTrue(report.peers.isEmpty(), "a template is not the single-size peer");
        PlacementResult placement = report.placements.get(0);
        assertEquals(4, placement.throughput.size(), "the peer size is not added for a template");
        String all = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        for (ThroughputResult t : placement.throughput) {
            PeerFigures peer = t.peer("fake");
            assertNotNull(peer, "peer ran in " + t.size + " " + t.strategy);
            assertEquals("echo 'unpinned " + t.strategy + " " + all + " " + all + " " + options.ring + "'; echo '" + t.size
                    + "000 frames/s'", peer.command);
            assertEquals(List.of(t.size * 1000.0, t.size * 1000.0), peer.value.runs, "once after each of our runs");
            assertEquals(t.framesPerSecond.median() / (t.size * 1000.0), t.peerRatio(peer), 1e-12);
            Target judged = placement.targets.stream()
                    .filter(x -> x.name.equals(Format.bytes(t.size) + " one-way frames/s (" + t.strategy + ") / fake's"))
                    .findFirst().orElseThrow();
            assertEquals(t.peerRatio(peer), judged.value, 1e-12);
            assertEquals(t.size <= 1024 ? 2.0 : 1.0, judged.limit, 0.0);
            assertTrue(judged.higherIsBetter);
        }
        for (PingPongResult p : placement.pingPong) {
            PeerFigures peer = p.peer("fake");
            assertNotNull(peer, "peer ran in ping-pong " + p.strategy);
            assertEquals("echo '64 " + p.iterations + " " + p.warmUp + " " + p.strategy + "'; echo 'p50 64.5 us'",
                    peer.command);
            assertEquals(64.5, peer.value.median(), 1e-12);
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
        assertTrue(placement.throughput(64, "spin").peers.isEmpty());
        assertTrue(Double.isNaN(placement.throughput(64, "spin").peerRatio(null)));
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
        assertNull(placement.throughput(64, "blocking").peer("flaky"), "every run of the peer failed: no peer figure");
        assertNotNull(placement.throughput(64, "blocking").framesPerSecond.median(), "ours is still measured");
        assertEquals(2048_000.0, placement.throughput(2048, "blocking").peer("flaky").value.median(), 0.0);
        assertTrue(placement.pingPong.get(0).peers.isEmpty());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("flaky failed, no figure for this run"),
                progress.toString());
    }

    @Test
    void severalPeersRunInOneInvocationEachAfterEachOfOurRunsAndEachIsJudged() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--runs", "2", "--placement", "unpinned", "--tests",
                "throughput,pingpong", "--wait", "blocking", "--sizes", "64,2048", "--pp-sizes", "64",
                "--peer-name", "c++", "--peer-cmd", "echo 'c++ {size}' >&2; echo '{size}000 frames/s'",
                "--peer-pingpong-cmd", "echo 'p50 {size}.5 us'",
                "--peer-name", "aeron", "--peer-cmd", "echo '{size}0000 frames/s'",
                "--peer-pingpong-cmd", "echo 'p50 {size}.2 us'");
        assertEquals(List.of("c++", "aeron"), options.peers.stream().map(p -> p.name).toList());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        PlacementResult placement = report.placements.get(0);
        for (ThroughputResult t : placement.throughput) {
            assertEquals(List.of("c++", "aeron"), t.peers.stream().map(p -> p.name).toList(), "both, in the order given");
            assertEquals(t.size * 1000.0, t.peer("c++").value.median(), 0.0);
            assertEquals(t.size * 10000.0, t.peer("aeron").value.median(), 0.0);
            for (String name : List.of("c++", "aeron")) {
                Target judged = placement.targets.stream().filter(x -> x.name.equals(Format.bytes(t.size)
                        + " one-way frames/s (blocking) / " + name + "'s")).findFirst().orElseThrow();
                assertEquals(t.peerRatio(t.peer(name)), judged.value, 1e-12);
            }
        }
        PingPongResult p = placement.pingPong(64, "blocking");
        assertEquals(64.5, p.peer("c++").value.median(), 0.0);
        assertEquals(64.2, p.peer("aeron").value.median(), 0.0);
        assertEquals(2, placement.targets.stream().filter(x -> x.name.startsWith("64 B ping-pong p50 (blocking) / ")
                && x.name.endsWith("'s")).count());
        String log = progress.toString(StandardCharsets.UTF_8);
        int ours = log.indexOf("one-way 64 B blocking run 1/2");
        int cpp = log.indexOf("c++ one-way 64 B blocking run 1/2");
        int aeron = log.indexOf("aeron one-way 64 B blocking run 1/2");
        int oursNext = log.indexOf("one-way 64 B blocking run 2/2");
        assertTrue(ours >= 0 && ours < cpp && cpp < aeron && aeron < oursNext, "interleaved, in the order given:\n" + log);
        String table = report.toTable();
        assertTrue(table.contains("ours/c++") && table.contains("ours/aeron"), table);
        assertTrue(table.contains("aeron p50 64.2") && table.contains("c++ p50 64.5"), table);
        String json = report.toJson();
        assertNotNull(new BenchSmokeTest.Json(json).parse());
        assertTrue(json.contains("\"name\":\"c++\"") && json.contains("\"name\":\"aeron\""), json);
    }

    @Test
    void peerOptionsAreGroupedByName() {
        BenchOptions unnamedFirst = BenchOptions.parse("--peer-cmd", "echo '1 frames/s'", "--peer-name", "late",
                "--peer-pingpong-cmd", "echo 'p50 {size} us'");
        assertEquals(1, unnamedFirst.peers.size(), "a name after the commands names them");
        assertEquals("late", unnamedFirst.peers.get(0).name);
        assertNotNull(unnamedFirst.peers.get(0).pingPong);
        BenchOptions unnamed = BenchOptions.parse("--peer-cmd", "echo '1 frames/s'", "--peer-cmd", "echo '2 frames/s'");
        assertEquals(List.of("peer", "peer2"), unnamed.peers.stream().map(p -> p.name).toList());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--peer-name", "lonely"));
        assertTrue(empty.getMessage().contains("lonely"), empty.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(
                "--peer-name", "a", "--peer-cmd", "echo '{size} frames/s'", "--peer-name", "a", "--peer-cmd", "x {size}"));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void aPingPongPeerMustBeATemplate() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--peer-pingpong-cmd", "echo 'p50 1 us'"));
    }
}
