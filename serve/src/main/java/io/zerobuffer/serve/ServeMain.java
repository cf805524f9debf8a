package io.zerobuffer.serve;

import io.zerobuffer.serve.rpc.StepServer;
import io.zerobuffer.serve.rpc.Supervisor;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code zerobuffer serve}: the Harmony step server, framed JSON-RPC on stdin/stdout, logs on
 * stderr.
 *
 * <pre>
 *   serve            a supervisor relaying to a step process it restarts after a crash
 *   serve --worker   the step process alone: a crash ends the serve
 * </pre>
 */
public final class ServeMain {
    private ServeMain() {
    }

    /**
     * @param args {@code --worker} or nothing
     * @throws Exception if the streams fail
     */
    public static void main(String[] args) throws Exception {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        // Nothing but framed messages may reach stdout: a stray print goes to stderr.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        boolean worker = args.length > 0 && args[0].equals("--worker");
        if (args.length > 0 && !worker) {
            System.err.println("usage: zerobuffer serve [--worker]");
            System.exit(3);
        }
        int status = worker ? new StepServer(stdin, stdout).serve() : new Supervisor(stdin, stdout).serve();
        System.exit(status);
    }
}
