package io.zerobuffer.bench;

/**
 * What a peer template printed for one cell (frame size, placement, wait strategy), run once
 * after each of our runs of that cell: frames/s for a one-way cell, round-trip p50 in
 * microseconds for a ping-pong cell.
 */
final class PeerFigures {
    /** The command as run, placeholders filled in. */
    final String command;
    final Stat value = new Stat();

    PeerFigures(String command) {
        this.command = command;
    }
}
