package io.zerobuffer.linux.duplex;

import io.zerobuffer.api.BufferNames;

/**
 * The names of a duplex channel's two buffers, as every ZeroBuffer implementation forms them:
 * channel {@code C} is {@code C_request} (server reads, client writes) and {@code C_response}
 * (client reads, server writes).
 *
 * @param channel  the channel name
 * @param request  the request buffer's name
 * @param response the response buffer's name
 */
public record ChannelNames(String channel, String request, String response) {
    /** Suffix of the request buffer. */
    public static final String REQUEST_SUFFIX = "_request";
    /** Suffix of the response buffer. */
    public static final String RESPONSE_SUFFIX = "_response";

    /**
     * @param channel the channel name
     * @return the two buffer names
     * @throws IllegalArgumentException if the channel name, or a buffer name derived from it, is
     *                                  not a valid buffer name
     */
    public static ChannelNames of(String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException("channel name is " + (channel == null ? "null" : "empty"));
        }
        return new ChannelNames(channel, BufferNames.validate(channel + REQUEST_SUFFIX),
                BufferNames.validate(channel + RESPONSE_SUFFIX));
    }
}
