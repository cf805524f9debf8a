package io.zerobuffer.monitor.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.linux.LinuxBufferDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The DS component without a display (surefire runs with DISPLAY empty): one log line, no window, no toolkit thread. */
class MonitorComponentTest {
    @Test
    void withoutADisplayItLogsOneLineAndStartsNothing() {
        assertFalse(MonitorComponent.displayPresent(), "surefire must run without DISPLAY");
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(MonitorComponent.class.getName());
        logger.addHandler(capture);
        boolean fxBefore = fxThreadRunning(); // the UI tests in this JVM may have started it already
        try (LinuxBufferDirectory directory = new LinuxBufferDirectory()) {
            MonitorComponent component = new MonitorComponent(directory, null);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("no display"), lines.get(0));
            assertFalse(component.windowRequested(), "no window asked for");
            if (!fxBefore) {
                assertFalse(fxThreadRunning(), "no JavaFX toolkit was started");
            }
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static boolean fxThreadRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("JavaFX Application Thread"));
    }
}
