package io.zerobuffer.demo;

import io.zerobuffer.api.ZeroBufferFactory;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Wires {@link DemoStream} to the {@link ZeroBufferFactory} service. Optional configuration
 * (PID {@code zerobuffer.demo}, or the defaults below): {@code buffer.name},
 * {@code width}, {@code height}, {@code fps}, {@code log.interval.seconds}.
 */
@Component(immediate = true, configurationPid = "zerobuffer.demo", property = {
        "buffer.name=zerobuffer-demo", "width:Integer=1920", "height:Integer=1080", "fps:Integer=30",
        "log.interval.seconds:Integer=5" })
public final class DemoComponent {
    private final DemoStream stream;

    /**
     * @param factory    the engine
     * @param properties component properties
     */
    @Activate
    public DemoComponent(@Reference ZeroBufferFactory factory, Map<String, Object> properties) {
        VideoFormat format = new VideoFormat(intOf(properties, "width"), intOf(properties, "height"),
                intOf(properties, "fps"));
        stream = DemoStream.start(factory, String.valueOf(properties.get("buffer.name")), format,
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
