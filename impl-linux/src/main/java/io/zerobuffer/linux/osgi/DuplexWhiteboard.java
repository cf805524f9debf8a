package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.linux.duplex.ChannelNames;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a duplex server for every {@link DuplexHandler} handed to it, keyed by whatever identifies
 * the handler (its service reference in OSGi). Plain Java: {@link DuplexWhiteboardComponent}
 * wires it to the service registry.
 *
 * <p>Properties: {@value DuplexHandler#CHANNEL_PROPERTY} (required), and the request buffer's
 * {@value DuplexHandler#PAYLOAD_SIZE_PROPERTY} (default 64 MiB) and
 * {@value DuplexHandler#METADATA_SIZE_PROPERTY} (default 4096), as numbers or decimal strings. A
 * handler with invalid properties, or whose channel is taken, is logged as SEVERE on the
 * {@code io.zerobuffer.linux.osgi} logger and not served. Thread-safe.
 */
public final class DuplexWhiteboard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DuplexWhiteboard.class.getPackageName());

    private final ZeroBufferFactory engine;
    private final Map<Object, DuplexServer> servers = new HashMap<>();

    /** @param engine creates the servers */
    public DuplexWhiteboard(ZeroBufferFactory engine) {
        this.engine = engine;
    }

    /**
     * Starts serving a handler.
     *
     * @param key        identifies the handler for {@link #remove(Object)}
     * @param handler    the handler
     * @param properties its service properties
     * @return whether a server was started
     */
    public synchronized boolean add(Object key, DuplexHandler handler, Map<String, ?> properties) {
        Object channel = properties.get(DuplexHandler.CHANNEL_PROPERTY);
        DuplexServer server;
        try {
            if (channel == null || channel.toString().isBlank()) {
                throw new IllegalArgumentException("property '" + DuplexHandler.CHANNEL_PROPERTY + "' is missing");
            }
            ChannelNames names = ChannelNames.of(channel.toString().trim());
            Map<String, Object> request = new HashMap<>();
            request.put(ReaderConfiguration.NAME, names.request());
            putIfPresent(request, ReaderConfiguration.PAYLOAD_SIZE, properties.get(DuplexHandler.PAYLOAD_SIZE_PROPERTY));
            putIfPresent(request, ReaderConfiguration.METADATA_SIZE, properties.get(DuplexHandler.METADATA_SIZE_PROPERTY));
            BufferConfig config = ReaderConfiguration.from(request).config();
            server = engine.createDuplexServer(names.channel(), config);
            try {
                server.start(handler);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "duplex handler " + handler + " (" + DuplexHandler.CHANNEL_PROPERTY + "=" + channel
                    + ") is not served: " + e.getMessage());
            return false;
        }
        DuplexServer previous = servers.put(key, server);
        if (previous != null) {
            previous.close();
        }
        LOG.info(() -> "duplex channel '" + channel + "' served for handler " + handler);
        return true;
    }

    private static void putIfPresent(Map<String, Object> target, String key, Object value) {
        if (value != null) {
            target.put(key, value);
        }
    }

    /**
     * Stops serving a handler: its server stops and its request buffer is removed.
     *
     * @param key what {@link #add} was given
     */
    public void remove(Object key) {
        DuplexServer server;
        synchronized (this) {
            server = servers.remove(key);
        }
        if (server != null) {
            server.close();
            LOG.info(() -> "duplex channel '" + server.channel() + "' no longer served");
        }
    }

    /** @return the servers now running, by channel */
    public synchronized Map<String, DuplexServer> servers() {
        Map<String, DuplexServer> byChannel = new HashMap<>();
        servers.values().forEach(s -> byChannel.put(s.channel(), s));
        return byChannel;
    }

    /** Stops every server. */
    @Override
    public void close() {
        Map<Object, DuplexServer> all;
        synchronized (this) {
            all = new HashMap<>(servers);
            servers.clear();
        }
        all.values().forEach(DuplexServer::close);
    }
}
