package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input ends with the usage on stderr and exit code 3 (4 for relay), never a stack trace. */
class BadArgumentsProcessTest {


    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // unknown option
        "writer b --bogus                 | 3",
        "reader b --bogus                 | 3",
        "relay a b --bogus                | 4",
        // negative count
        "writer b -n -1                   | 3",
        "reader b --frames -5             | 3",
        "relay a b -n -2                  | 4",
        // non-numeric count
        "writer b -n ten                  | 3",
        "reader b -n 1e3                  | 3",
        "relay a b --frames x             | 4",
        // size 0
        "writer b -s 0                    | 3",
        "reader b --size 0                | 3",
        // unknown pattern / verify / transform
        "writer b --pattern wave          | 3",
        "reader b --verify wave           | 3",
        "relay a b --transform rot13      | 4",
        // other values out of range
        "writer b --batch-size 0          | 3",
        "writer b --delay-ms -1           | 3",
        "reader b --timeout-ms -1         | 3",
        "relay a b --xor-key 256          | 4",
        "relay a b --log-interval 0       | 4",
        "reader b --access world          | 3",
        "relay a b --access 0777          | 4",
        "sweep --bogus                    | 3",
        // missing buffer names, invalid names, both metadata sources
        "writer                           | 3",
        "relay onlyone                    | 4",
        "writer a/b                       | 3",
        "writer b -m x --metadata-file y  | 3",
        // duplex commands
        "duplex-server c --handler rot13  | 3",
        "duplex-server c --handler delay:x | 3",
        "duplex-server c --payload-size 0 | 3",
        "duplex-server a/b                | 3",
        "duplex-client c -n -1            | 3",
        "duplex-client c -s 0             | 3",
        "duplex-client c --timeout-ms 0   | 3",
        "duplex-client c --bogus          | 3",
        "duplex-client                    | 3",
        // no or unknown command
        "''                               | 3",
        "bench                            | 3"})
    void badInputGivesUsageAndTheBadArgumentsExitCode(String args, int expectedExit) {
        String[] argv = args.isEmpty() ? new String[0] : args.trim().split("\\s+");
        Cli.Result result = Cli.start(argv).await(Duration.ofSeconds(20));
        result.expectExit(expectedExit).expectUsageWithoutStackTrace();
        assertEquals("", result.stdout(), "stdout must stay empty on bad input");
    }

    @Test
    void anUnreadableMetadataFileIsBadInput() {
        Cli.run("writer", "b", "--metadata-file", "/nonexistent/zbt-metadata").expectExit(3)
                .expectUsageWithoutStackTrace();
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        for (String command : new String[] {"writer", "reader", "relay"}) {
            Cli.Result result = Cli.run(command, "--help").expectExit(0);
            assertTrue(result.stdout().contains("Usage: zerobuffer " + command), result.stdout());
            assertTrue(result.stdout().contains("--json-output"), result.stdout());
        }
    }

    @Test
    void theLauncherListsTheCommandsAndRejectsUnknownOnes(@TempDir Path elsewhere) throws Exception {
        Path launcher = Paths.get("..", "zerobuffer").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        // From another directory: the launcher finds the repository by its own path.
        Process help = new ProcessBuilder(launcher.toString(), "--help").directory(elsewhere.toFile())
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes());
        assertEquals(0, help.waitFor());
        for (String command : new String[] {"writer NAME", "reader NAME", "relay IN OUT"}) {
            assertTrue(text.contains(command), "--help does not list '" + command + "':\n" + text);
        }
        Process unknown = new ProcessBuilder(launcher.toString(), "frobnicate").redirectErrorStream(true).start();
        String err = new String(unknown.getInputStream().readAllBytes());
        assertEquals(3, unknown.waitFor());
        assertTrue(err.contains("unknown command 'frobnicate'"), err);
    }
}
