package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.linux.LinuxBufferDirectory;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the read-only view of every buffer on the host as the {@link BufferDirectory}
 * service (what the monitor polls). Passive: it maps read-only and never removes anything.
 * Deactivation unmaps whatever the directory still has mapped.
 */
@Component(service = BufferDirectory.class)
public final class BufferDirectoryComponent implements BufferDirectory {
    private final LinuxBufferDirectory directory = new LinuxBufferDirectory();

    @Override
    public List<BufferStatus> list() {
        return directory.list();
    }

    @Override
    public Optional<BufferStatus> find(String name) {
        return directory.find(name);
    }

    @Override
    public Optional<byte[]> metadataPreview(String name, int maxBytes) {
        return directory.metadataPreview(name, maxBytes);
    }

    @Deactivate
    void deactivate() {
        directory.close();
    }
}
