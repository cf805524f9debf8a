package io.zerobuffer.monitor.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** JavaFX's "unsupported configuration" warning (always true inside OSGi) is dropped; nothing else is. */
class FxToolkitTest {
    @Test
    void onlyTheUnsupportedConfigurationWarningIsFilteredOut() {
        Logger javafx = Logger.getLogger("javafx");
        List<String> published = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record.getMessage()); // the logger's filter runs before its handlers
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        javafx.addHandler(capture);
        try {
            FxToolkit.quietUnsupportedConfigurationWarning();
            javafx.log(Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            javafx.log(Level.WARNING, "some other JavaFX warning");
            assertEquals(List.of("some other JavaFX warning"), published);
        } finally {
            javafx.removeHandler(capture);
        }
    }
}
