package io.zerobuffer.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code errors} array of a result, bounded so that a run with an error on every one of a
 * million frames keeps a readable document: past {@link #LIMIT} entries only a count is kept,
 * reported as one last entry.
 */
final class ErrorList {
    /** The most entries kept verbatim. */
    static final int LIMIT = 100;

    private final List<String> entries = new ArrayList<>();
    private long dropped;

    /** Adds an entry (or counts it, past the limit). */
    void add(String error) {
        if (entries.size() < LIMIT) {
            entries.add(error);
        } else {
            dropped++;
        }
    }

    /** @return whether no error was added */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the entries, plus one counting those left out */
    List<String> toList() {
        List<String> out = new ArrayList<>(entries);
        if (dropped > 0) {
            out.add(dropped + " more errors not listed");
        }
        return out;
    }
}
