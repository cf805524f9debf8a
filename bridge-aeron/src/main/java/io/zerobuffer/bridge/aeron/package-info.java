/**
 * A bridge that carries a buffer's frames to a buffer on another host over Aeron: a send end
 * (the reader of a local buffer) and a receive end (the writer of a buffer a local reader
 * created), with explicit back-pressure and liveness across the wire. Not exported: the
 * command line ({@link io.zerobuffer.bridge.aeron.BridgeMain}) and the DS component are the ways in.
 */
package io.zerobuffer.bridge.aeron;
