package io.zerobuffer.bridge.aeron.osgi;

import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.bridge.aeron.Bridge;
import io.zerobuffer.bridge.aeron.BridgeSettings;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One bridge end per {@code zerobuffer.bridge} factory configuration, on the
 * {@link ZeroBufferFactory} service. Updating the configuration restarts the bridge; deleting
 * it stops the bridge and releases its buffer. An invalid configuration is logged as SEVERE on
 * the {@code java.util.logging} logger {@code io.zerobuffer.bridge.aeron.osgi} and starts nothing.
 *
 * <p>The embedded Aeron needs the JVM options of {@link io.zerobuffer.bridge.aeron.BridgeMain}
 * ({@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED} and others) on the framework's JVM,
 * and {@code sun.misc} and {@code jdk.internal.misc} visible to bundles (boot delegation).
 */
@Component(configurationPid = BridgeSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = BridgeComponent.Definition.class, factory = true)
public final class BridgeComponent {

    /** Metatype of the configuration; checked by {@link BridgeSettings#from(Map)}. */
    @ObjectClassDefinition(name = "ZeroBuffer Aeron bridge",
            description = "Forwards a local buffer's frames over Aeron (send), or writes received frames into a local buffer (receive).")
    @interface Definition {
        /** @return send or receive */
        @AttributeDefinition(description = "send (reader of the local buffer) or receive (its writer).")
        String role();

        /** @return the buffer name */
        @AttributeDefinition(description = "Local buffer name.")
        String name();

        /** @return the channel */
        @AttributeDefinition(description = "Aeron channel, e.g. aeron:udp?endpoint=10.0.0.2:40456.")
        String channel();

        /** @return the stream id */
        @AttributeDefinition(name = "stream.id", description = "Aeron stream id.")
        int stream_id() default BridgeSettings.DEFAULT_STREAM_ID;

        /** @return block or drop */
        @AttributeDefinition(name = "back.pressure", description = "block (default) or drop.")
        String back_pressure() default "block";

        /** @return a standalone driver's directory */
        @AttributeDefinition(name = "aeron.dir", description = "Standalone media driver directory; empty: embedded driver.",
                required = false)
        String aeron_dir();
    }

    private static final Logger LOG = Logger.getLogger(BridgeComponent.class.getPackageName());

    private final Bridge bridge;

    /**
     * @param factory    the engine
     * @param properties the configuration
     */
    @Activate
    public BridgeComponent(@Reference ZeroBufferFactory factory, Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        Bridge started = null;
        try {
            started = Bridge.create(factory, BridgeSettings.from(properties));
            started.start();
            LOG.info(() -> "configuration " + pid + ": bridge started");
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> "configuration " + pid + " (factory " + BridgeSettings.FACTORY_PID
                    + ") is invalid, no bridge started: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "configuration " + pid + ": bridge did not start: " + e, e);
            if (started != null) {
                started.close();
            }
            started = null;
        }
        bridge = started;
    }

    /** Stops the bridge. */
    @Deactivate
    void deactivate() {
        if (bridge != null) {
            bridge.close();
        }
    }
}
