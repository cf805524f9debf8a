package io.zerobuffer.bench;

/** One judgement: a figure as a ratio to a limit measured in the same run, and whether it was met. */
final class Target {
    final String name;
    final double value;
    final double limit;
    final String unit;
    final boolean higherIsBetter;

    Target(String name, double value, double limit, String unit, boolean higherIsBetter) {
        this.name = name;
        this.value = value;
        this.limit = limit;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    boolean met() {
        return higherIsBetter ? value >= limit : value <= limit;
    }
}
