package io.zerobuffer.bench;

import java.util.ArrayList;
import java.util.List;

/** One figure over several runs: median, minimum and maximum. */
final class Stat {
    final List<Double> runs = new ArrayList<>();

    void add(double value) {
        runs.add(value);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    double median() {
        double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    String json() {
        StringBuilder b = new StringBuilder();
        b.append("{\"median\":").append(Format.num(median())).append(",\"min\":").append(Format.num(min())).append(",\"max\":")
                .append(Format.num(max())).append(",\"runs\":[");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Format.num(runs.get(i)));
        }
        return b.append("]}").toString();
    }
}
