package io.zerobuffer.tools;

import picocli.CommandLine.Option;

/** The output options every command shares ({@code --json-output}, {@code -v}, {@code -h}), as a picocli mixin. */
final class OutputOptions {
    @Option(names = "--json-output", description = "print the JSON result on stdout")
    private boolean jsonOutput;

    @Option(names = {"-v", "--verbose"}, description = "progress lines on stderr")
    private boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    /**
     * @param role the prefix of the command's progress lines, e.g. "READER"
     * @return the console those options ask for
     */
    Console console(String role) {
        return new Console(role, verbose, jsonOutput);
    }
}
