package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import org.junit.jupiter.api.Test;

/**
 * The engine's flyweights reach mapped memory through {@code sun.misc.Unsafe} where the runtime
 * offers it and through {@code ByteBuffer}s where it does not (an OSGi framework that does not
 * export {@code sun.misc}). The fallback is exercised here in a child JVM without the
 * {@code jdk.unsupported} module, so {@code sun.misc.Unsafe} does not exist there: every write
 * path, wraps of a small ring and metadata must carry every byte, as with Unsafe.
 */
class UnsafeFallbackTest {

    private static String run(boolean withUnsafe) {
        String name = BufferNames.unique("fallback");
        Peer.Builder child = Peer.java(FallbackScenario.class).args(name, "3000");
        if (!withUnsafe) {
            child.jvmOptions("-Xmx128m", "--limit-modules", "java.base,java.logging,java.management");
        }
        try (Peer peer = child.mergeStderr().start()) {
            int status = peer.awaitExit();
            assertEquals(0, status, "child exit status; output:\n" + peer.output());
            assertTrue(peer.output().contains("ok frames=3000"), peer.output());
            Leftovers.assertNone(name);
            return peer.output();
        }
    }

    @Test
    void withoutSunMiscUnsafeEveryWritePathCarriesEveryByteThroughTheBuffers() {
        String output = run(false);
        assertTrue(output.contains("unsafe=absent allocation-free-views=false"),
                "the child must really run without sun.misc.Unsafe:\n" + output);
    }

    @Test
    void withSunMiscUnsafeTheSameScenarioTakesTheNativeAddressPaths() {
        String output = run(true);
        assertTrue(output.contains("unsafe=present allocation-free-views=true"), output);
    }
}
