package io.zerobuffer.bench;

import java.util.Locale;

/** Number and text formatting for the harness's table and JSON. */
final class Format {
    private Format() {
    }

    static String bytes(long n) {
        if (n >= (1 << 20) && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", n);
    }

    static String rate(Stat s) {
        if (s.median() >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M [%.2f-%.2f]", s.median() / 1e6, s.min() / 1e6, s.max() / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f k [%.1f-%.1f]", s.median() / 1e3, s.min() / 1e3, s.max() / 1e3);
    }

    static String mib(Stat s) {
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", s.median(), s.min(), s.max());
    }

    static String spread(Stat s) {
        return String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", s.median(), s.min(), s.max());
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
