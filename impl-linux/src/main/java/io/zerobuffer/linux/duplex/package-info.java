/**
 * Duplex channels (docs/PROTOCOL.md §6): request/response over two ordinary buffers,
 * {@code C_request} (the server reads it) and {@code C_response} (the client reads it), built on
 * the public api only. {@link io.zerobuffer.linux.duplex.ChannelNames} holds the naming rule,
 * {@link io.zerobuffer.linux.duplex.LinuxDuplexServer} the server's client-after-client loop,
 * {@link io.zerobuffer.linux.duplex.LinuxDuplexClient} the client, and
 * {@link io.zerobuffer.linux.duplex.ResponseWriter} the "exactly one response" rule.
 */
package io.zerobuffer.linux.duplex;
