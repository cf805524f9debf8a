package io.zerobuffer.linux.jmx;

import java.lang.management.ManagementFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers and unregisters the engine's MBeans on the platform MBean server, on one daemon
 * thread: creating the platform MBean server costs hundreds of milliseconds the first time,
 * which must not delay opening a reader or writer. The thread ends when idle; registration and
 * unregistration run in the order asked.
 */
final class MBeans {
    private static final Logger LOG = Logger.getLogger(MBeans.class.getName());
    private static final AtomicLong INSTANCES = new AtomicLong();
    /** {@code -Dzerobuffer.jmx=false} turns registration off. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("zerobuffer.jmx"));

    private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "zerobuffer-jmx");
                t.setDaemon(true);
                return t;
            });

    private MBeans() {
    }

    /**
     * Registers the bean soon, off the caller's thread.
     *
     * @param registered told the name it got (null if none)
     */
    static void registerLater(Object bean, String type, String buffer, Consumer<ObjectName> registered) {
        if (ENABLED) {
            EXECUTOR.execute(() -> registered.accept(register(bean, type, buffer)));
        }
    }

    /**
     * Unregisters soon, after any registration asked before.
     *
     * @param name the name it got, read when the task runs
     */
    static void unregisterLater(Supplier<ObjectName> name) {
        if (ENABLED) {
            EXECUTOR.execute(() -> unregister(name.get()));
        }
    }

    /**
     * @param type   "Reader" or "Writer"
     * @param buffer the buffer name
     * @return {@code io.zerobuffer:type=TYPE,name=BUFFER} (the name quoted when it needs it)
     */
    static ObjectName name(String type, String buffer) throws JMException {
        return new ObjectName("io.zerobuffer:type=" + type + ",name=" + quoteIfNeeded(buffer));
    }

    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (",=:*?\"\n\\".indexOf(value.charAt(i)) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    /**
     * Registers the bean; when the name is taken (two writers of one buffer name in one JVM one
     * after another, say) an {@code instance} key tells them apart. Never fails the caller.
     *
     * @return the name it got, or null when registration is off or failed
     */
    static ObjectName register(Object bean, String type, String buffer) {
        if (!ENABLED) {
            return null;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = name(type, buffer);
            if (server.isRegistered(name)) {
                name = new ObjectName(name + ",instance=" + INSTANCES.incrementAndGet());
            }
            server.registerMBean(bean, name);
            return name;
        } catch (JMException | RuntimeException | Error e) {
            LOG.log(Level.FINE, "no MBean for " + type + " of buffer '" + buffer + "'", e);
            return null;
        }
    }

    static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            // already gone
        }
    }
}
