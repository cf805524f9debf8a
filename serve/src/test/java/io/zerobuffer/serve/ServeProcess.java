package io.zerobuffer.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A serve started as a process, driven with framed JSON-RPC as the orchestrator drives it. */
final class ServeProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    private final OutputStream in;
    private final InputStream out;
    private int nextId;

    ServeProcess(boolean worker, long hostPid, int featureId) throws IOException {
        String cp = "target/classes:" + Files.readString(Path.of("target/runtime-classpath.txt")).trim();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp, "io.zerobuffer.serve.ServeMain"));
        if (worker) {
            cmd.add("--worker");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("HARMONY_HOST_PID", String.valueOf(hostPid));
        pb.environment().put("HARMONY_FEATURE_ID", String.valueOf(featureId));
        process = pb.start();
        in = process.getOutputStream();
        out = new BufferedInputStream(process.getInputStream());
    }

    void sendRaw(byte[] bytes) throws IOException {
        in.write(bytes);
        in.flush();
    }

    void send(Object message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        sendRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        sendRaw(body);
    }

    /** @return the next message, or {@code null} at end of stream */
    JsonNode receive() throws IOException {
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = out.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    if (length >= 0) {
                        break;
                    }
                    continue;
                }
                if (l.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).trim());
                } else {
                    throw new IOException("not a frame header on the serve's stdout: '" + l + "'");
                }
            } else {
                line.append((char) b);
            }
        }
        return JSON.readTree(out.readNBytes(length));
    }

    JsonNode call(String method, Object... params) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ++nextId);
        request.put("method", method);
        request.set("params", JSON.valueToTree(params));
        send(request);
        JsonNode response = receive();
        if (response != null && response.get("id").asInt() != nextId) {
            throw new IOException("response id " + response.get("id") + " for request " + nextId);
        }
        return response;
    }

    JsonNode initialize(String role, long hostPid, int featureId) throws IOException {
        return call("initialize", Map.of("Role", role, "Platform", "java", "Scenario", "own", "HostPid", hostPid,
                "FeatureId", featureId, "TestRunId", hostPid + "_" + featureId));
    }

    JsonNode step(String text, Map<String, String> context) throws IOException {
        return call("executeStep", Map.of("Process", "x", "StepType", 0, "Step", text, "Parameters", Map.of(),
                "Context", context, "IsBroadcast", false)).get("result");
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException ignored) {
            // gone already
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
