package io.zerobuffer.demo;

import io.zerobuffer.api.ZeroBufferFactory;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Wires {@link DemoStream} to the {@link ZeroBufferFactory} service. Optional configuration
 * (PID {@value #PID}, see {@link Config} for the properties and their defaults). The framework
 * (or system) property {@value #NAME_PROPERTY}, when set, names the buffer instead, so that two
 * distributions (a test next to a user's run) can share a host.
 */
@Component(immediate = true, configurationPid = DemoComponent.PID)
@Designate(ocd = DemoComponent.Config.class)
public final class DemoComponent {
    /** Configuration PID. */
    public static final String PID = "zerobuffer.demo";
    /** Framework property overriding {@code buffer.name}. */
    public static final String NAME_PROPERTY = "zerobuffer.demo.name";

    /**
     * The demo's configuration; these defaults are the only ones. Method names map to
     * properties ({@code buffer_name} is {@code buffer.name}).
     */
    @ObjectClassDefinition(name = "ZeroBuffer demo stream",
            description = "Synthetic YUV420 video written through a buffer.")
    public @interface Config {
        /** @return the buffer name */
        @AttributeDefinition(description = "Buffer name; the framework property zerobuffer.demo.name overrides it.")
        String buffer_name() default "zerobuffer-demo";

        /** @return frame width in pixels */
        @AttributeDefinition(description = "Frame width in pixels.")
        int width() default 1920;

        /** @return frame height in pixels */
        @AttributeDefinition(description = "Frame height in pixels.")
        int height() default 1080;

        /** @return frames per second */
        @AttributeDefinition(description = "Frames per second.")
        int fps() default 30;

        /** @return seconds between two progress log lines */
        @AttributeDefinition(description = "Seconds between two progress log lines.")
        int log_interval_seconds() default 5;
    }

    private final DemoStream stream;

    /**
     * @param factory the engine
     * @param context this bundle's context, for the {@value #NAME_PROPERTY} property
     * @param config  the configuration
     */
    @Activate
    public DemoComponent(@Reference ZeroBufferFactory factory, BundleContext context, Config config) {
        VideoFormat format = new VideoFormat(config.width(), config.height(), config.fps());
        String override = context.getProperty(NAME_PROPERTY);
        String name = override != null && !override.isBlank() ? override : config.buffer_name();
        stream = DemoStream.start(factory, name, format, Duration.ofSeconds(config.log_interval_seconds()));
    }

    /** Stops the stream and removes the buffer. */
    @Deactivate
    public void deactivate() {
        stream.stop();
    }
}
