package io.zerobuffer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judgements against this run's own limits: each compares the figures it names, with the
 * limit the performance targets give. The figures are set by hand; nothing is timed.
 */
class TargetsTest {

    @Test
    void oneMebibyteOneWayIsJudgedAgainstTheColdDestinationCopy() {
        PlacementResult r = new PlacementResult("apart", "test");
        r.copies.add(copy(1 << 20, "cold", 5.0));
        r.copies.add(copy(1 << 20, "cold-dst", 10.0));
        ThroughputResult blocking = new ThroughputResult(1 << 20, "blocking", 3072);
        blocking.mibPerSecond.add(10e9 / (1 << 20) * 0.95);
        ThroughputResult spin = new ThroughputResult(1 << 20, "spin", 3072);
        spin.mibPerSecond.add(10e9 / (1 << 20) * 0.85);
        r.throughput.addAll(List.of(blocking, spin));

        Bench.evaluateTargets(r, List.of());

        Target met = target(r, "1 MiB one-way (blocking) / 1 MiB cold-destination copy bandwidth");
        assertEquals(0.95, met.value, 1e-9);
        assertEquals(0.90, met.limit, 0.0);
        assertTrue(met.met());
        Target missed = target(r, "1 MiB one-way (spin) / 1 MiB cold-destination copy bandwidth");
        assertEquals(0.85, missed.value, 1e-9);
        assertFalse(missed.met());
    }

    @Test
    void theLargeRoundTripIsJudgedAgainstTwoColdDestinationCopiesPerPlacement() {
        // 3,110,416 B at 3.110416 GB/s: one copy takes 1,000 us, two take 2,000 us
        for (String placement : List.of("same", "apart")) {
            PlacementResult r = new PlacementResult(placement, "test");
            r.copies.add(copy(3_110_416, "cold-dst", 3.110416));
            PingPongResult big = new PingPongResult(3_110_416, "blocking", 400, 200, 64L << 20);
            big.latency.add(new String[] {"2300000", "2400000", "2500000", "2600000"});
            r.pingPong.add(big);

            Bench.evaluateTargets(r, List.of());

            Target t = target(r, "3,110,416 B ping-pong p50 (blocking) / two cold-destination copies");
            assertEquals(1.15, t.value, 1e-9);
            assertEquals(placement.equals("same") ? 1.1 : 1.2, t.limit, 0.0);
            assertEquals(!placement.equals("same"), t.met(), placement);
            assertFalse(t.higherIsBetter);
        }
    }

    @Test
    void theWarmUpRunGivesTheOptimisingCompilerEnoughCalls() {
        BenchOptions defaults = BenchOptions.parse();
        assertEquals(3072, defaults.framesFor(1 << 20), "a measured 1 MiB run: about 3 GiB");
        assertEquals(BenchOptions.MIN_WARM_UP_FRAMES, defaults.warmUpFramesFor(1 << 20));
        assertEquals(3_000_000, defaults.warmUpFramesFor(64), "never shorter than a measured run");
        assertEquals(500, BenchOptions.parse("--warmup-frames", "500").warmUpFramesFor(1 << 20));
        BenchOptions quick = BenchOptions.parse("--quick");
        assertEquals(quick.framesFor(1 << 20), quick.warmUpFramesFor(1 << 20), "a smoke test stays short");
    }

    private static CopyResult copy(int block, String mode, double gbPerSecond) {
        CopyResult c = new CopyResult(block, mode);
        c.gbPerSecond.add(gbPerSecond);
        return c;
    }

    private static Target target(PlacementResult r, String name) {
        return r.targets.stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + name + " in " + r.targets.stream().map(t -> t.name).toList()));
    }
}
