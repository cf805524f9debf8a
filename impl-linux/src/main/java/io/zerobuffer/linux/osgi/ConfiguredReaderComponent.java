package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One buffer per {@code zerobuffer.reader} factory configuration: creates it and publishes its
 * {@link Reader} with the service property {@code zerobuffer.name=<name>} (its {@code close()} does
 * nothing: the configuration owns the buffer). Updating the
 * configuration re-creates the buffer (no modified method, so DS deactivates this instance and
 * activates a new one); deleting it closes the buffer. An invalid configuration, or a buffer
 * the OS refuses, is logged as SEVERE on the {@code java.util.logging} logger
 * {@code io.zerobuffer.linux.osgi} and publishes nothing.
 */
@Component(configurationPid = ReaderConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = ConfiguredReaderComponent.Definition.class, factory = true)
// Registered by hand, so declare it: resolvers then satisfy a consumer's @Reference Reader requirement.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.zerobuffer.api.Reader",
        uses = Reader.class)
public final class ConfiguredReaderComponent {

    /**
     * The configuration, typed: its defaults are the only ones (DS applies them to a missing
     * property); {@link ReaderConfiguration#of} checks the values. Also the metatype, for tools
     * such as the Felix Web Console. Method names map to properties ({@code metadata_size} is
     * {@code metadata.size}).
     */
    @ObjectClassDefinition(name = "ZeroBuffer reader",
            description = "Creates a shared-memory buffer and publishes its Reader with zerobuffer.name=<name>.")
    public @interface Definition {
        /** @return buffer name */
        @AttributeDefinition(description = "Buffer name: /dev/shm/<name>, no '/'.")
        String name();

        /** @return metadata block bytes */
        @AttributeDefinition(description = "Metadata block size in bytes.")
        long metadata_size() default BufferConfig.DEFAULT_METADATA_SIZE;

        /** @return ring bytes */
        @AttributeDefinition(description = "Ring size in bytes; at least three times the largest frame.")
        long payload_size() default BufferConfig.DEFAULT_PAYLOAD_SIZE;

        /** @return who may open the buffer */
        @AttributeDefinition(description = "Who may open the buffer: shared (0666, every local user, the default), "
                + "group (0660, the reader's group) or owner (0600, the reader's user).",
                options = {@Option(label = "shared (0666)", value = "shared"), @Option(label = "group (0660)", value = "group"),
                    @Option(label = "owner (0600)", value = "owner")})
        String access() default "shared";
    }

    private static final Logger LOG = Logger.getLogger(ConfiguredReaderComponent.class.getPackageName());

    private final LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory(false);
    private final ServiceRegistration<Reader> registration;

    /**
     * @param context    this bundle's context, to register the reader
     * @param config     the configuration, typed
     * @param properties the same configuration untyped: read only for {@code service.pid} and to
     *                   quote a value that {@code config} could not convert
     */
    @Activate
    public ConfiguredReaderComponent(BundleContext context, Definition config, Map<String, Object> properties) {
        registration = publish(context, config, properties);
    }

    private ServiceRegistration<Reader> publish(BundleContext context, Definition config, Map<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        ReaderConfiguration configuration;
        try {
            configuration = ReaderConfiguration.of(config.name(),
                    bytes(config::metadata_size, ReaderConfiguration.METADATA_SIZE, properties),
                    bytes(config::payload_size, ReaderConfiguration.PAYLOAD_SIZE, properties), config.access());
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> "configuration " + pid + " (factory " + ReaderConfiguration.FACTORY_PID
                    + ") is invalid, no buffer created: " + e.getMessage());
            return null;
        }
        Reader reader;
        try {
            reader = engine.createReader(configuration.name(), configuration.config());
        } catch (ZeroBufferException e) {
            // An expected refusal (a live reader owns the name, the OS refuses a resource): the message says it all.
            LOG.severe(() -> "configuration " + pid + ": buffer '" + configuration.name()
                    + "' could not be created, nothing published: " + e);
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "configuration " + pid + ": buffer '" + configuration.name()
                    + "' could not be created, nothing published: " + e, e);
            return null;
        }
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(ReaderConfiguration.SERVICE_NAME_PROPERTY, configuration.name());
        serviceProperties.put("zerobuffer.metadata.size", configuration.config().metadataSize());
        serviceProperties.put("zerobuffer.payload.size", configuration.config().payloadSize());
        serviceProperties.put("zerobuffer.access", configuration.config().access().name().toLowerCase(Locale.ROOT));
        if (pid != null) {
            serviceProperties.put("zerobuffer.configuration.pid", pid);
        }
        ServiceRegistration<Reader> published = context.registerService(Reader.class, new ConfiguredReader(reader),
                serviceProperties);
        LOG.info(() -> "configuration " + pid + ": buffer '" + configuration.name() + "' created ("
                + configuration.config().totalSize() + " bytes, access " + configuration.config().access()
                + "), reader published");
        return published;
    }

    /** A size from the typed configuration; DS throws on a value it cannot convert: name it. */
    private static long bytes(LongSupplier typed, String property, Map<String, Object> properties) {
        try {
            return typed.getAsLong();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("property '" + property + "' = '" + properties.get(property)
                    + "' is not a whole number of bytes", e);
        }
    }

    /** Withdraws the reader service, then removes the buffer. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it already
            }
        }
        engine.close();
    }
}
