package io.zerobuffer.bench;

/**
 * One peer program as given on the command line: its name ({@code --peer-name}) and its
 * one-way ({@code --peer-cmd}) and round-trip ({@code --peer-pingpong-cmd}) commands, either of
 * which may be absent. Several peers run in one invocation, each right after each of our runs
 * of a cell, in the order given.
 */
final class PeerSpec {
    /** What the tables and judgements call the peer. */
    final String name;
    /** Whether the name was given with {@code --peer-name} (else it is the default). */
    final boolean named;
    /** The one-way command or template, or null. */
    String oneWay;
    /** The round-trip template, or null. */
    String pingPong;

    PeerSpec(String name, boolean named) {
        this.name = name;
        this.named = named;
    }

    /** @return whether the one-way command is a template, run in every one-way cell */
    boolean oneWayTemplate() {
        return oneWay != null && PeerCommand.isTemplate(oneWay);
    }

    /** @return whether the one-way command has no placeholders: run at {@code --peer-size} only */
    boolean oneWaySingleSize() {
        return oneWay != null && !PeerCommand.isTemplate(oneWay);
    }
}
