package io.zerobuffer.itests;

import io.zerobuffer.testsupport.Peer;
import java.nio.file.Path;

/**
 * A separate, non-OSGi JVM on the other side of a buffer: the project's command-line
 * {@code writer} or {@code reader} (docs/CLI.md), started through test-support's {@link Peer} on the
 * class path the {@code ./zerobuffer} launcher uses. Its output goes to a file under {@code target/peer-logs}.
 */
final class ToolsCli {
    private ToolsCli() {
    }

    /**
     * @param args the command and its arguments, e.g. {@code writer NAME -n 10}
     * @return the started process
     */
    static Peer start(String... args) {
        Path logs = Path.of(System.getProperty("itest.storage", "target/osgi-storage")).resolveSibling("peer-logs");
        return Peer.java("io.zerobuffer.tools.Main").executable(System.getProperty("itest.peer.java", "java"))
                .classpath(ItestConfig.required("itest.peer.classpath")).args(args).mergeStderr().logDirectory(logs).start();
    }

    /** The CLI's {@code sequential} pattern: byte j of frame i (from 0) is (i + j) mod 256. */
    static byte sequential(long frameIndex, int offset) {
        return (byte) (frameIndex + offset);
    }
}
