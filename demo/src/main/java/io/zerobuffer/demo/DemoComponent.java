package io.zerobuffer.demo;

import io.zerobuffer.api.ZeroBufferFactory;
import java.time.Duration;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Wires {@link DemoStream} to the {@link ZeroBufferFactory} service. Optional configuration
 * (PID {@code zerobuffer.demo}, or the defaults below): {@code buffer.name},
 * {@code width}, {@code height}, {@code fps}, {@code log.interval.seconds}. The framework (or
 * system) property {@value #NAME_PROPERTY}, when set, names the buffer instead, so that two
 * distributions (a test next to a user's run) can share a host.
 */
@Component(immediate = true, configurationPid = "zerobuffer.demo", property = {
        "buffer.name=zerobuffer-demo", "width:Integer=1920", "height:Integer=1080", "fps:Integer=30",
        "log.interval.seconds:Integer=5" })
public final class DemoComponent {
    /** Framework property overriding {@code buffer.name}. */
    public static final String NAME_PROPERTY = "zerobuffer.demo.name";

    private final DemoStream stream;

    /**
     * @param factory    the engine
     * @param context    this bundle's context, for the {@value #NAME_PROPERTY} property
     * @param properties component properties
     */
    @Activate
    public DemoComponent(@Reference ZeroBufferFactory factory, BundleContext context, Map<String, Object> properties) {
        VideoFormat format = new VideoFormat(intOf(properties, "width"), intOf(properties, "height"),
                intOf(properties, "fps"));
        String override = context.getProperty(NAME_PROPERTY);
        String name = override != null && !override.isBlank() ? override : String.valueOf(properties.get("buffer.name"));
        stream = DemoStream.start(factory, name, format,
                Duration.ofSeconds(intOf(properties, "log.interval.seconds")));
    }

    /** Stops the stream and removes the buffer. */
    @Deactivate
    public void deactivate() {
        stream.stop();
    }

    private static int intOf(Map<String, Object> properties, String key) {
        return Integer.parseInt(String.valueOf(properties.get(key)).trim());
    }
}
