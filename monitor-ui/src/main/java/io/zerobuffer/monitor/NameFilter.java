package io.zerobuffer.monitor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which buffer names to show: a glob ({@code *} any run of characters, {@code ?} one) matched
 * against the whole name, or, without wildcards, a case-insensitive part of the name. An empty
 * or null pattern shows everything. Immutable.
 */
public final class NameFilter {
    /** Shows every buffer. */
    public static final NameFilter ALL = new NameFilter("", null);

    private final String text;
    private final Pattern pattern;

    private NameFilter(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * @param glob a glob, a part of a name, or null / empty for all
     * @return the filter
     */
    public static NameFilter of(String glob) {
        if (glob == null || glob.isBlank()) {
            return ALL;
        }
        String g = glob.strip();
        StringBuilder regex = new StringBuilder();
        boolean wild = false;
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> {
                    regex.append(".*");
                    wild = true;
                }
                case '?' -> {
                    regex.append('.');
                    wild = true;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (!wild) {
            return new NameFilter(g, null);
        }
        return new NameFilter(g, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /**
     * @param name a buffer name
     * @return whether it is shown
     */
    public boolean test(String name) {
        if (text.isEmpty()) {
            return true;
        }
        if (pattern != null) {
            return pattern.matcher(name).matches();
        }
        return name.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** @return the pattern as given, "" for all */
    public String text() {
        return text;
    }
}
