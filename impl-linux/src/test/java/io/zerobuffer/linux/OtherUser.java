package io.zerobuffer.linux;

import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a class of this test classpath in a JVM as another user ({@code setpriv}; only root may),
 * by default uid 65534 ("nobody") with no supplementary groups. The jars of the class path are
 * copied where that user can read them (root's Maven repository is not readable by others).
 */
final class OtherUser {
    /** The uid the child runs as. */
    static final int UID = 65534;

    private static Path classpathCopy;

    private OtherUser() {
    }

    /** @return whether this JVM may start processes as another user */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    /** The finished child: exit code and stdout lines. */
    record Result(int exit, List<String> lines, String stderr) {
        boolean has(String line) {
            return lines.contains(line);
        }

        String firstStartingWith(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }
    }

    /**
     * @param gid       the child's (only) group
     * @param mainClass the class to run
     * @param args      its arguments
     * @return its exit code and output, once it ended (at most 60 s)
     */
    static Result run(int gid, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("zbt-home-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Peer child = Peer.java(mainClass)
                .wrapper("/usr/bin/setpriv", "--reuid=" + UID, "--regid=" + gid, "--clear-groups")
                .jvmOptions("-Duser.home=" + home, "-Djna.tmpdir=" + home, "-Djava.io.tmpdir=" + home)
                .classpath(readableClasspath()).args(args).env("HOME", home.toString()).start();
        try {
            int exit = child.awaitExit(Duration.ofSeconds(60));
            return new Result(exit, child.lines(), child.stderr());
        } finally {
            deleteTree(home);
        }
    }

    private static synchronized String readableClasspath() throws IOException {
        if (classpathCopy == null) {
            classpathCopy = Files.createTempDirectory("zbt-cp-");
            Files.setPosixFilePermissions(classpathCopy, PosixFilePermissions.fromString("rwxr-xr-x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(classpathCopy)));
        }
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = classpathCopy.resolve((n++) + "-" + path.getFileName());
                if (!Files.exists(copy)) {
                    Files.copy(path, copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
                entries.add(copy.toString());
            } else {
                entries.add(entry);   // the module's class directories: readable by all
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
