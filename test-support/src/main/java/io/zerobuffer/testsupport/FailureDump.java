package io.zerobuffer.testsupport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Explains a failed test: prints to stderr (into the test report) what {@code /dev/shm} and
 * {@code /tmp/zerobuffer} held when the test body failed, and the output of every {@link Peer} the test
 * started. After every test it kills the test's peers that still run, so that a failed test leaves no JVM
 * behind.
 *
 * <p>Registered for every test by JUnit's extension auto-detection (this jar's
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the build sets
 * {@code junit.jupiter.extensions.autodetection.enabled}).
 */
public final class FailureDump implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback,
        TestWatcher {
    /** At most this many directory entries are listed per directory. */
    static final int MAX_ENTRIES = 200;
    /** At most this many characters of each peer stream are shown (the end of it). */
    static final int MAX_OUTPUT = 20_000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FailureDump.class);
    private static final String FIRST_PEER = "firstPeer";
    private static final String SNAPSHOT = "snapshot";

    /** Remembers which peers this test starts: those after the ones started so far. */
    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(FIRST_PEER, Peer.started().size());
    }

    /** The moment the test body failed is the one to show, before {@code @AfterEach} cleans up. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            context.getStore(NAMESPACE).put(SNAPSHOT, directories());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Peer peer : testPeers(context)) {
            peer.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String snapshot = context.getStore(NAMESPACE).get(SNAPSHOT, String.class);
        StringBuilder dump = new StringBuilder();
        dump.append("=== FAILED ").append(context.getDisplayName()).append(" in ")
                .append(context.getRequiredTestClass().getName()).append(" at ").append(Instant.now()).append('\n');
        dump.append(snapshot != null ? snapshot : directories());
        for (Peer peer : testPeers(context)) {
            dump.append("--- peer ").append(peer.label()).append(" (pid ").append(peer.pid()).append(", ")
                    .append(peer.process().isAlive() ? "running" : "exit " + peer.process().exitValue())
                    .append(") ---\n");
            dump.append(tail(peer.output()));
        }
        dump.append("=== end of dump\n");
        PrintStream err = System.err;
        err.print(dump);
        err.flush();
    }

    private static List<Peer> testPeers(ExtensionContext context) {
        Integer first = context.getStore(NAMESPACE).get(FIRST_PEER, Integer.class);
        List<Peer> all = Peer.started();
        int from = first == null ? all.size() : Math.min(first, all.size());
        return all.subList(from, all.size());
    }

    /** @return a listing of /dev/shm and /tmp/zerobuffer: name, size, modification time */
    static String directories() {
        return listing(Leftovers.SHM) + listing(Leftovers.LOCKS);
    }

    private static String listing(Path dir) {
        StringBuilder out = new StringBuilder("--- ").append(dir).append(" ---\n");
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> sorted = entries.sorted().collect(Collectors.toList());
            for (Path entry : sorted.subList(0, Math.min(MAX_ENTRIES, sorted.size()))) {
                out.append(describe(entry)).append('\n');
            }
            if (sorted.size() > MAX_ENTRIES) {
                out.append("(and ").append(sorted.size() - MAX_ENTRIES).append(" more)\n");
            }
        } catch (IOException e) {
            out.append("(cannot list: ").append(e).append(")\n");
        }
        return out.toString();
    }

    private static String describe(Path entry) {
        try {
            return String.format("%-60s %12d  %s", entry.getFileName(), Files.size(entry),
                    Files.getLastModifiedTime(entry));
        } catch (IOException e) {
            return entry.getFileName() + " (gone)";
        }
    }

    private static String tail(String text) {
        String shown = text.length() <= MAX_OUTPUT ? text
                : "(first " + (text.length() - MAX_OUTPUT) + " characters left out)\n"
                        + text.substring(text.length() - MAX_OUTPUT);
        return shown.endsWith("\n") ? shown : shown + "\n";
    }
}
