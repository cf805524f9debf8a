package io.zerobuffer.serve.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerobuffer.serve.steps.Steps;
import io.zerobuffer.serve.steps.StepRegistry;
import io.zerobuffer.serve.steps.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step server: answers the Harmony methods on a framed JSON-RPC stream and executes steps
 * in this process. One request at a time; nothing but framed messages is written to the output.
 *
 * <p>{@code crash} ends the process at once with {@link Runtime#halt(int)}: no response, no
 * cleanup, no flush, as a crashing process would.
 */
public final class StepServer {
    /** Exit status of a requested crash (as a SIGABRT would give). */
    public static final int CRASH_STATUS = 134;

    private final InputStream in;
    private final OutputStream out;
    private final Steps steps;

    /**
     * @param in  requests
     * @param out responses
     */
    public StepServer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        this.steps = new Steps(new World());
    }

    /**
     * Serves until {@code shutdown} or the end of the input.
     *
     * @return the exit status
     * @throws IOException if the output fails
     */
    public int serve() throws IOException {
        while (true) {
            byte[] body;
            try {
                body = Framing.read(in);
            } catch (Framing.MalformedFrameException e) {
                send(Messages.error(null, Messages.PARSE_ERROR, "malformed frame: " + e.getMessage()));
                continue;
            } catch (IOException e) {
                System.err.println("[serve] input ended: " + e.getMessage());
                body = null;
            }
            if (body == null) {
                steps.cleanup();
                return 0;
            }
            JsonNode request;
            try {
                request = Messages.JSON.readTree(body);
            } catch (IOException e) {
                send(Messages.error(null, Messages.PARSE_ERROR, "not JSON: " + e.getMessage()));
                continue;
            }
            if (request == null || !request.isObject() || request.get("method") == null || !request.get("method").isTextual()) {
                send(Messages.error(request == null ? null : request.get("id"), Messages.INVALID_REQUEST,
                        "not a JSON-RPC request: no method"));
                continue;
            }
            JsonNode id = request.get("id");
            String method = request.get("method").asText();
            switch (method) {
                case "health" -> send(Messages.result(id, true));
                case "initialize" -> {
                    JsonNode a = Messages.argument(request);
                    steps.world().initialise(Messages.text(a, "Role"), Messages.text(a, "HostPid"),
                            Messages.text(a, "FeatureId"));
                    System.err.println("[serve] initialize role=" + Messages.text(a, "Role") + " scenario="
                            + Messages.text(a, "Scenario"));
                    send(Messages.result(id, true));
                }
                case "discover" -> {
                    List<Map<String, String>> list = new ArrayList<>();
                    for (StepRegistry.Definition d : steps.registry().definitions()) {
                        list.add(d.describe());
                    }
                    send(Messages.result(id, Map.of("steps", list)));
                }
                case "executeStep" -> {
                    send(Messages.result(id, execute(Messages.argument(request))));
                    if (steps.world().haltRequested()) {
                        System.err.println("[serve] the step asked this process to die now");
                        Runtime.getRuntime().halt(CRASH_STATUS);
                    }
                }
                case "cleanup" -> {
                    steps.cleanup();
                    send(Messages.result(id, null));
                }
                case "shutdown" -> {
                    steps.cleanup();
                    send(Messages.result(id, null));
                    return 0;
                }
                case "crash" -> Runtime.getRuntime().halt(CRASH_STATUS);
                default -> send(Messages.error(id, Messages.METHOD_NOT_FOUND, "unknown method '" + method + "'"));
            }
        }
    }

    private Map<String, Object> execute(JsonNode request) {
        String text = Messages.text(request, "Step");
        Map<String, String> context = new LinkedHashMap<>();
        JsonNode ctx = Messages.member(request, "Context");
        if (ctx != null && ctx.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                context.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = Messages.member(request, "Parameters");
        if (params != null && params.isObject()) {
            params.fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        }
        return steps.execute(text, context, parameters);
    }

    private void send(ObjectNode message) throws IOException {
        Framing.write(out, Messages.JSON.writeValueAsBytes(message));
    }
}
