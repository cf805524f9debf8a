package io.zerobuffer.tools;

/** A command of the launcher, with its own exit code for bad arguments (3, or 4 for relay). */
interface ToolCommand {
    /** @return the exit code for an unknown option or an invalid value */
    int badArgumentsExitCode();
}
