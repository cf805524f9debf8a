package io.zerobuffer.testsupport;

/** A peer for {@link PeerTest}: {@code ready} prints READY then waits for stdin to end; {@code exit N} exits. */
public final class EchoPeer {
    private EchoPeer() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ready":
                System.out.println("hello");
                System.out.println("READY");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes stdin
                }
                System.out.println("BYE");
                break;
            case "exit":
                System.err.println("leaving with " + args[1]);
                System.exit(Integer.parseInt(args[1]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
