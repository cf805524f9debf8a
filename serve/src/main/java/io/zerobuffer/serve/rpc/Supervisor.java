package io.zerobuffer.serve.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process the orchestrator talks to: it relays every message to a step process (a
 * {@link StepServer} in a child JVM) and back. The step process owns every buffer; when it dies
 * ({@code crash}, or a step that kills its process) the supervisor answers for it and starts a
 * fresh one, initialised as the last one was, for the role's next step — as "a new reader
 * process" in a scenario would be. A crash is thus a real death of the process that holds the
 * buffers, and the role can go on.
 */
public final class Supervisor {
    private final InputStream in;
    private final OutputStream out;
    private final List<String> command;
    private Process worker;
    private InputStream workerOut;
    private byte[] lastInitialize;
    private boolean answered;

    /**
     * @param in  requests from the orchestrator
     * @param out responses to it
     */
    public Supervisor(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        this.command = workerCommand();
    }

    private static List<String> workerCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.zerobuffer.serve.ServeMain");
        cmd.add("--worker");
        return cmd;
    }

    /**
     * Relays until {@code shutdown} or the end of the input.
     *
     * @return the exit status
     * @throws IOException if the output fails
     */
    public int serve() throws IOException {
        startWorker();
        while (true) {
            byte[] body;
            try {
                body = Framing.read(in);
            } catch (Framing.MalformedFrameException e) {
                Framing.write(out, Messages.JSON.writeValueAsBytes(
                        Messages.error(null, Messages.PARSE_ERROR, "malformed frame: " + e.getMessage())));
                continue;
            } catch (IOException e) {
                System.err.println("[serve] input ended: " + e);
                body = null;
            }
            if (body == null) {
                stopWorker();
                return 0;
            }
            String method = null;
            JsonNode id = null;
            try {
                JsonNode request = Messages.JSON.readTree(body);
                if (request != null && request.isObject()) {
                    id = request.get("id");
                    method = request.hasNonNull("method") ? request.get("method").asText() : null;
                }
            } catch (IOException notJson) {
                // relayed as is: the step process answers with a parse error
            }
            if (worker == null || !worker.isAlive()) {
                startWorker();
                if (lastInitialize != null && !"initialize".equals(method)) {
                    relay(lastInitialize);
                }
            }
            if ("initialize".equals(method)) {
                lastInitialize = body;
            }
            byte[] response = relay(body);
            if (response == null && !"crash".equals(method) && exitedAfterAnswering()) {
                // a step asked the step process to die right after its answer, and this request
                // reached it while it was dying: it never ran; run it in a fresh process
                startWorker();
                if (lastInitialize != null && !"initialize".equals(method)) {
                    relay(lastInitialize);
                }
                response = relay(body);
            }
            if (response != null) {
                Framing.write(out, response);
            } else if ("crash".equals(method)) {
                System.err.println("[serve] step process crashed as asked (exit " + exitStatus() + ")");
                Framing.write(out, Messages.JSON.writeValueAsBytes(Messages.result(id, null)));
            } else {
                Framing.write(out, Messages.JSON.writeValueAsBytes(Messages.error(id, Messages.INTERNAL_ERROR,
                        "the step process died before answering '" + method + "' (exit " + exitStatus() + ")")));
            }
            if ("shutdown".equals(method)) {
                stopWorker();
                return 0;
            }
        }
    }

    private byte[] relay(byte[] body) throws IOException {
        try {
            Framing.write(worker.getOutputStream(), body);
            byte[] response = Framing.read(workerOut);
            answered |= response != null;
            return response;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean exitedAfterAnswering() {
        try {
            return worker.waitFor(5, TimeUnit.SECONDS) && worker.exitValue() == StepServer.CRASH_STATUS && answered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String exitStatus() {
        try {
            if (worker.waitFor(5, TimeUnit.SECONDS)) {
                return String.valueOf(worker.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "still running";
    }

    private void startWorker() throws IOException {
        answered = false;
        worker = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        workerOut = new java.io.BufferedInputStream(worker.getInputStream());
        System.err.println("[serve] step process " + worker.pid() + " started");
    }

    private void stopWorker() {
        if (worker == null) {
            return;
        }
        try {
            worker.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!worker.waitFor(10, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.destroyForcibly();
        }
    }
}
