package io.zerobuffer.bench;

import java.io.IOException;

/**
 * A peer program run in the same invocation ({@code --peer-cmd}): any command that prints its
 * rate as "N frames/s" (a {@code k} or {@code M} before "frames/s" scales it). Its frames per
 * second, run {@code --runs} times, are what the engine's one-way figure at
 * {@code --peer-size} bytes is compared with. This is the command without placeholders; a
 * template ({@link PeerCommand}) is run for every one-way cell instead, its figures kept with
 * that cell ({@link ThroughputResult#peers}).
 */
final class PeerResult {
    final String name;
    final String command;
    final long size;
    final Stat framesPerSecond = new Stat();

    PeerResult(String name, String command, long size) {
        this.name = name;
        this.command = command;
        this.size = size;
    }

    /** Runs the command once ({@code sh -c}) and records the last "N frames/s" it printed. */
    void runOnce() throws IOException, InterruptedException {
        framesPerSecond.add(PeerCommand.parseRate(PeerCommand.run(command)));
    }

    /**
     * @param output what the peer printed
     * @return the last rate given as "N frames/s" in it
     * @throws IOException when there is none
     */
    static double parseRate(String output) throws IOException {
        return PeerCommand.parseRate(output);
    }
}
