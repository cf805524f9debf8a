package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.linux.LinuxBufferDirectory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the read-only view of every buffer on the host as the {@link BufferDirectory}
 * service (what the monitor polls). Passive: it maps read-only and never removes anything.
 * The service object is the {@link LinuxBufferDirectory} itself, so a consumer that knows the
 * engine (the monitor) also gets its lock-file state and ring layout. Deactivation unmaps
 * whatever the directory still has mapped.
 */
@Component(service = BufferDirectory.class)
public final class BufferDirectoryComponent extends LinuxBufferDirectory {

    @Deactivate
    void deactivate() {
        close();
    }
}
