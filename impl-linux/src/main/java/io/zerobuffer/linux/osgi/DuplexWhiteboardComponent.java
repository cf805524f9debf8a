package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.util.Map;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The duplex whiteboard: every {@link DuplexHandler} service with the property
 * {@code zerobuffer.channel=NAME} is served by a duplex server on channel {@code NAME} while it
 * is registered; unregistering it stops the server and removes the request buffer. The logic is
 * in {@link DuplexWhiteboard}.
 */
@Component(service = {})
public final class DuplexWhiteboardComponent {
    /** No exit hook: the framework deactivates this component, which closes everything. */
    private final LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory(false);
    private final DuplexWhiteboard whiteboard = new DuplexWhiteboard(engine);

    /** Creates the component; handlers arrive through {@link #addHandler}. */
    public DuplexWhiteboardComponent() {
    }

    @Reference(service = DuplexHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + DuplexHandler.CHANNEL_PROPERTY + "=*)")
    void addHandler(ServiceReference<DuplexHandler> reference, DuplexHandler handler, Map<String, Object> properties) {
        whiteboard.add(reference, handler, properties);
    }

    void removeHandler(ServiceReference<DuplexHandler> reference) {
        whiteboard.remove(reference);
    }

    /** Stops every server and removes its buffers. */
    @Deactivate
    void deactivate() {
        whiteboard.close();
        engine.close();
    }
}
