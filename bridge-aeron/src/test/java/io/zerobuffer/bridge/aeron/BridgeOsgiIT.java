package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The bundle in a real Apache Felix with SCR and Configuration Admin: two {@code
 * zerobuffer.bridge} configurations (a send and a receive end, over 127.0.0.1) carry frames
 * from a writer in this JVM to a reader in this JVM. Aeron's embedded copy needs
 * {@code jdk.internal.misc}, {@code sun.misc} and {@code sun.nio.ch} by boot delegation and the
 * {@code --add-opens} options on the JVM.
 */
class BridgeOsgiIT {

    @Test
    void twoConfiguredEndsCarryFrames() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, Path.of(System.getProperty("it.storage")).toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1,sun.misc");
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "jdk.internal.misc,sun.misc,sun.nio.ch");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.init();
        String near = Peers.uniqueName("osgi-near");
        String far = Peers.uniqueName("osgi-far");
        String channel = "aeron:udp?endpoint=127.0.0.1:" + BridgeProcess.freePort();
        try (LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory()) {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String path : System.getProperty("it.bundles").split(",")) {
                bundles.add(context.installBundle(Path.of(path.trim()).toUri().toString()));
            }
            framework.start();
            for (Bundle bundle : bundles) {
                bundle.start();
            }
            ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker =
                    new ServiceTracker<>(context, ConfigurationAdmin.class, null);
            tracker.open();
            ConfigurationAdmin admin = tracker.waitForService(30_000);
            Reader farReader = zb.createReader(far, BufferConfig.of(4096, 8 << 20));
            Configuration receive = admin.createFactoryConfiguration(BridgeSettings.FACTORY_PID, "?");
            Hashtable<String, Object> r = new Hashtable<>();
            r.put(BridgeSettings.ROLE, "receive");
            r.put(BridgeSettings.NAME, far);
            r.put(BridgeSettings.CHANNEL, channel);
            receive.update(r);
            Configuration send = admin.createFactoryConfiguration(BridgeSettings.FACTORY_PID, "?");
            Hashtable<String, Object> s = new Hashtable<>();
            s.put(BridgeSettings.ROLE, "send");
            s.put(BridgeSettings.NAME, near);
            s.put(BridgeSettings.CHANNEL, channel);
            s.put(BridgeSettings.PAYLOAD_SIZE, 8L << 20);
            send.update(s);

            int count = 50;
            Peers.FarReader reader = new Peers.FarReader(farReader, 0);
            reader.start();
            Peers.NearWriter writer = new Peers.NearWriter(zb, near, count, i -> 4096, 0, false);
            writer.start();
            writer.join(90_000);
            assertEquals(List.of(), writer.errors);
            reader.awaitFrames(count, Duration.ofSeconds(60));
            reader.halt();
            assertEquals(List.of(), reader.errors);
            for (int i = 0; i < count; i++) {
                assertEquals(i, reader.indices.get(i));
            }
            send.delete();
            receive.delete();
            farReader.close();
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }
}
