package io.zerobuffer.bench;

/**
 * What a peer template printed for one cell (frame size, placement, wait strategy), run once
 * after each of our runs of that cell: frames/s for a one-way cell, round-trip p50 in
 * microseconds for a ping-pong cell.
 */
final class PeerFigures {
    /** The peer's name ({@code --peer-name}). */
    final String name;
    /** The command as run, placeholders filled in. */
    final String command;
    final Stat value = new Stat();

    PeerFigures(String name, String command) {
        this.name = name;
        this.command = command;
    }

    /**
     * @param peers the figures of every peer in one cell
     * @param name  a peer's name
     * @return that peer's figures in the cell, or null when it has none there
     */
    static PeerFigures named(java.util.List<PeerFigures> peers, String name) {
        return peers.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }
}
