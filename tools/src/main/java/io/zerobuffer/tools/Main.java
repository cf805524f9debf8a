package io.zerobuffer.tools;

import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the command-line tools: {@code writer}, {@code reader} and {@code relay}, with
 * the command line, JSON and exit codes of the C++, C# and Python peers (docs/CLI.md), and
 * {@code duplex-server} and {@code duplex-client} for request/response channels, {@code soak},
 * and {@code sweep}, which removes what dead parties left. The launcher
 * script {@code zerobuffer} at the repository root starts this class.
 *
 * <p>Bad arguments never end in a stack trace: the message and the command's usage go to
 * stderr and the command's bad-arguments exit code is returned (3, or 4 for {@code relay}).
 */
@Command(name = "zerobuffer", usageHelpAutoWidth = true,
        description = "ZeroBuffer interop commands (see zerobuffer COMMAND --help).",
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
    /** Exit code for a missing or unknown command. */
    static final int EXIT_USAGE = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    /** Starts the command named by {@code args[0]} with the Linux engine and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, Main::linuxEngine));
    }

    /**
     * @param args    the command and its arguments
     * @param factory where the commands get their buffers (called only once a command runs)
     * @return the exit code
     */
    static int run(String[] args, Supplier<ZeroBufferFactory> factory) {
        CommandLine cli = commandLine(factory);
        return cli.execute(args);
    }

    /**
     * @param factory where the commands get their buffers
     * @return the command line with the three commands and the exit-code handlers
     */
    public static CommandLine commandLine(Supplier<ZeroBufferFactory> factory) {
        Supplier<ZeroBufferFactory> once = memoize(factory);
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new WriterCommand(once));
        cli.addSubcommand(new ReaderCommand(once));
        cli.addSubcommand(new RelayCommand(once));
        cli.addSubcommand(new SoakCommand(once));
        cli.addSubcommand(new SoakWriterCommand(once));
        cli.addSubcommand(new DuplexServerCommand(once));
        cli.addSubcommand(new DuplexClientCommand(once));
        cli.addSubcommand(new SweepCommand());
        cli.setParameterExceptionHandler(Main::badArguments);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": unexpected error: " + e);
            Object command = commandLine.getCommand();
            if (command instanceof DuplexServerCommand) {
                return DuplexServerCommand.EXIT_CREATE;
            }
            return command instanceof RelayCommand ? RelayCommand.EXIT_RELAY : WriterCommand.EXIT_WRITE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "a command is required: writer, reader, relay, soak, duplex-server, duplex-client or sweep");
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err);
        err.flush();
        Object command = commandLine.getCommand();
        return command instanceof ToolCommand ? ((ToolCommand) command).badArgumentsExitCode() : EXIT_USAGE;
    }

    private static ZeroBufferFactory linuxEngine() {
        // no exit hook: StopSignal lets each command finish, report and close in order
        return new LinuxZeroBufferFactory(false);
    }

    private static Supplier<ZeroBufferFactory> memoize(Supplier<ZeroBufferFactory> factory) {
        ZeroBufferFactory[] made = new ZeroBufferFactory[1];
        return () -> {
            if (made[0] == null) {
                made[0] = factory.get();
            }
            return made[0];
        };
    }
}
