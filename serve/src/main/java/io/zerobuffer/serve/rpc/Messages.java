package io.zerobuffer.serve.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON-RPC 2.0 message helpers over Jackson trees. */
public final class Messages {
    /** The mapper every class of the serve uses. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** JSON-RPC: invalid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** JSON-RPC: not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC: no such method. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC: bad parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC: the method failed. */
    public static final int INTERNAL_ERROR = -32603;

    private Messages() {
    }

    /**
     * @param id     the request id (may be null)
     * @param result the result
     * @return a response
     */
    public static ObjectNode result(JsonNode id, Object result) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        r.set("result", JSON.valueToTree(result));
        return r;
    }

    /**
     * @param id      the request id (may be null)
     * @param code    the JSON-RPC error code
     * @param message what went wrong
     * @return an error response
     */
    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return r;
    }

    /**
     * The first argument of a request: {@code params[0]} when params is an array, params itself
     * when it is an object.
     *
     * @param request the request
     * @return the argument object, or an empty object
     */
    public static JsonNode argument(JsonNode request) {
        JsonNode params = request.get("params");
        if (params != null && params.isArray() && params.size() > 0) {
            return params.get(0);
        }
        if (params != null && params.isObject()) {
            return params;
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Reads a member by name, ignoring case (peers send PascalCase, others camelCase).
     *
     * @param object a JSON object
     * @param name   the member name
     * @return the member, or {@code null}
     */
    public static JsonNode member(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * @param object a JSON object
     * @param name   the member name, any case
     * @return the member as text ({@code null} if absent or null)
     */
    public static String text(JsonNode object, String name) {
        JsonNode n = member(object, name);
        return n == null || n.isNull() ? null : n.asText();
    }
}
