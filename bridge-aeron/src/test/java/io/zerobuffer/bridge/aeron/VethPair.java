package io.zerobuffer.bridge.aeron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of this test's own, joined by a veth pair with a /30 in 10.200.0.0/16:
 * two hosts on one machine. {@link #close()} deletes both namespaces (and so the pair).
 */
final class VethPair implements AutoCloseable {
    final String nsA;
    final String nsB;
    final String devA;
    final String devB;
    final String addressA;
    final String addressB;
    private final List<String> created = new ArrayList<>();

    VethPair() {
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
        nsA = "zbt-a-" + tag;
        nsB = "zbt-b-" + tag;
        devA = "zba" + tag;
        devB = "zbb" + tag;
        int third = ThreadLocalRandom.current().nextInt(256);
        int base = 4 * ThreadLocalRandom.current().nextInt(64);
        addressA = "10.200." + third + "." + (base + 1);
        addressB = "10.200." + third + "." + (base + 2);
        try {
            run("ip", "netns", "add", nsA);
            created.add(nsA);
            run("ip", "netns", "add", nsB);
            created.add(nsB);
            run("ip", "link", "add", devA, "netns", nsA, "type", "veth", "peer", "name", devB, "netns", nsB);
            run("ip", "-n", nsA, "addr", "add", addressA + "/30", "dev", devA);
            run("ip", "-n", nsB, "addr", "add", addressB + "/30", "dev", devB);
            for (String[] nd : new String[][] {{nsA, devA}, {nsB, devB}}) {
                run("ip", "-n", nd[0], "link", "set", "lo", "up");
                run("ip", "-n", nd[0], "link", "set", nd[1], "up");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return whether this process may create network namespaces (root with iproute2) */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespace tests need root (running as " + System.getProperty("user.name") + ")";
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'ip netns list' failed";
            }
        } catch (IOException e) {
            return "no 'ip' command: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /**
     * Puts netem on both ends, e.g. {@code "loss", "1%", "delay", "2ms", "reorder", "5%"}.
     *
     * @return {@code false} if the kernel has no netem qdisc (nothing was changed)
     */
    boolean netem(String... spec) {
        for (String[] nd : new String[][] {{nsA, devA}, {nsB, devB}}) {
            List<String> command = new ArrayList<>(List.of("tc", "-n", nd[0], "qdisc", "replace", "dev", nd[1],
                    "root", "netem"));
            command.addAll(List.of(spec));
            try {
                run(command.toArray(new String[0]));
            } catch (IllegalStateException e) {
                if (e.getMessage().contains("qdisc kind is unknown")) {
                    return false;
                }
                throw e;
            }
        }
        return true;
    }

    /** Takes the link down or up on both ends. */
    void link(boolean up) {
        run("ip", "-n", nsA, "link", "set", devA, up ? "up" : "down");
        run("ip", "-n", nsB, "link", "set", devB, up ? "up" : "down");
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (RuntimeException e) {
                System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
            }
        }
        created.clear();
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
