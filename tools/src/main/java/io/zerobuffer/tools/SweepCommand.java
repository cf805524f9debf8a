package io.zerobuffer.tools;

import io.zerobuffer.linux.StaleSweep;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sweep [--dry-run] [NAME...]}: removes what dead readers and writers left on this host (or
 * of the named buffers only), as every
 * reader does before it creates a buffer, and lists each object removed (or, with
 * {@code --dry-run}, that would be) and why; objects that are stale but may not be removed by
 * this user, or are unsafe to touch, are listed as refused. An extension of this implementation
 * (the peers have no such command).
 */
@Command(name = "sweep", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Remove the shared memory, semaphores and lock files of buffers whose reader and writer are "
                + "both gone (lock file missing or not held), and list what was removed and why.",
            "Never touches a buffer with a live party, a file that is not a v1 buffer, or a symbolic link."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing left to sweep, or all of it removed (or removable, with --dry-run)",
            "1:something stale could not be removed (another user's, or unsafe), or a removal failed",
            "3:bad arguments"})
final class SweepCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_NOT_ALL_REMOVED = 1;
    static final int EXIT_USAGE = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--dry-run"}, description = "only list what would be removed; change nothing")
    private boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "also list stale-looking buffers that were kept, and why")
    private boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    @Parameters(arity = "0..*", paramLabel = "NAME",
            description = "only these buffers (names, or globs such as 'camera-*'); default: every buffer")
    private List<String> names = List.of();

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    @Override
    public Integer call() {
        List<PathMatcher> only = new ArrayList<>();
        for (String name : names) {
            only.add(FileSystems.getDefault().getPathMatcher("glob:" + name));
        }
        List<StaleSweep.Finding> findings = StaleSweep.sweep(dryRun,
                name -> only.isEmpty() || only.stream().anyMatch(m -> m.matches(Path.of(name))));
        PrintWriter out = spec.commandLine().getOut();
        Map<StaleSweep.Outcome, Integer> counts = new EnumMap<>(StaleSweep.Outcome.class);
        for (StaleSweep.Finding f : findings) {
            counts.merge(f.outcome(), 1, Integer::sum);
            if (f.outcome() != StaleSweep.Outcome.KEPT || verbose) {
                out.printf("%-13s %s  (%s)%n", label(f.outcome()), f.path(), f.reason());
            }
        }
        int refused = counts.getOrDefault(StaleSweep.Outcome.REFUSED, 0);
        int failed = counts.getOrDefault(StaleSweep.Outcome.FAILED, 0);
        out.printf("%s: %d %s, %d refused, %d failed%s%n", "sweep",
                counts.getOrDefault(dryRun ? StaleSweep.Outcome.WOULD_REMOVE : StaleSweep.Outcome.REMOVED, 0),
                dryRun ? "to remove" : "removed", refused, failed, dryRun ? " (dry run: nothing changed)" : "");
        out.flush();
        return refused + failed == 0 ? EXIT_OK : EXIT_NOT_ALL_REMOVED;
    }

    private static String label(StaleSweep.Outcome outcome) {
        return outcome == StaleSweep.Outcome.WOULD_REMOVE ? "would remove" : outcome.name().toLowerCase(Locale.ROOT);
    }
}
