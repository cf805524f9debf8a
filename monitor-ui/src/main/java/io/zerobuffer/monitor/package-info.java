/**
 * The ZeroBuffer monitor: a polling model of buffer snapshots ({@link io.zerobuffer.monitor.MonitorModel}),
 * a text renderer of it ({@link io.zerobuffer.monitor.TextRenderer}) and the standalone entry point
 * ({@link io.zerobuffer.monitor.Main}). The JavaFX views are in {@code fx}, the OSGi component in
 * {@code osgi}. Strictly passive: it only reads buffers through a {@code BufferDirectory}.
 */
package io.zerobuffer.monitor;
