package io.zerobuffer.distribution;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bridge ends named on the distribution's command line: every system property
 * {@code zerobuffer.bridge.ID.KEY=VALUE} becomes the property {@code KEY} of the factory
 * configuration {@value #FACTORY_PID} named {@code ID} (created, or updated, in Configuration
 * Admin), and the bridge bundle starts one end per configuration. For example
 * <pre>
 * ZEROBUFFER_JAVA_OPTS="-Dzerobuffer.bridge.cam.role=send -Dzerobuffer.bridge.cam.name=video \
 *   -Dzerobuffer.bridge.cam.channel=aeron:udp?endpoint=10.0.0.2:40456" ./zerobuffer run
 * </pre>
 * The id ends at the first dot after the prefix, so keys keep theirs ({@code stream.id},
 * {@code back.pressure}). Without such properties it does nothing. The bridge checks the values
 * and logs what it refuses.
 */
@Component(immediate = true)
public final class BridgeConfigurationsComponent {
    /** The system property prefix. */
    public static final String PREFIX = "zerobuffer.bridge.";
    /** The bridge's factory PID. */
    public static final String FACTORY_PID = "zerobuffer.bridge";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /**
     * @param admin where the configurations go
     * @throws IOException if Configuration Admin cannot store one
     */
    @Activate
    public BridgeConfigurationsComponent(@Reference ConfigurationAdmin admin) throws IOException {
        Map<String, Hashtable<String, Object>> ends = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                log("WARNING", "system property " + key + " is not " + PREFIX + "ID.KEY: ignored");
                continue;
            }
            ends.computeIfAbsent(rest.substring(0, dot), id -> new Hashtable<>())
                    .put(rest.substring(dot + 1), System.getProperty(key));
        }
        for (Map.Entry<String, Hashtable<String, Object>> end : ends.entrySet()) {
            Configuration configuration = admin.getFactoryConfiguration(FACTORY_PID, end.getKey(), "?");
            configuration.update(end.getValue());
            log("INFO   ", "bridge configuration '" + end.getKey() + "' from the command line: " + end.getValue());
        }
    }

    private static void log(String level, String message) {
        System.out.println(LocalTime.now().format(TIME) + " " + level + " zerobuffer: " + message);
    }
}
