package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.Writer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A writer that keeps writing in the background until asked to stop, counting how often it
 * found the ring full and had to wait: the flow-control scenarios of features 04 and 06.
 */
final class Flow {
    final AtomicLong blocked = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final Background task;
    private final Writer writer;

    private Flow(World world, Writer writer, int size) {
        this.writer = writer;
        this.task = world.start("continuous-writer", self -> {
            byte[] data = new byte[size];
            while (!self.stopRequested()) {
                long seq = writer.framesWritten() + 1;
                for (int j = 0; j < size; j++) {
                    data[j] = (byte) (j + seq);
                }
                if (!BasicCommunicationSteps.fits(writer.status(), size)) {
                    blocked.incrementAndGet();
                }
                try {
                    BasicCommunicationSteps.writeWaiting(writer, data, self);
                } catch (BufferFullException stopped) {
                    return;
                }
                written.incrementAndGet();
            }
        });
    }

    static Flow start(World world, int size) {
        Flow flow = new Flow(world, world.writer(), size);
        world.flow(flow);
        return flow;
    }

    /** Stops the writer and checks that it failed for no other reason than being stopped. */
    void stopAndCheck() {
        StepFailure.expect(task.stopAndJoin(Duration.ofSeconds(5)), "expected the background writer to stop, it did not");
        if (task.failure() != null) {
            throw new StepFailure("expected the background writer to run without error, it failed: "
                    + World.describe(task.failure()));
        }
    }

    Writer writer() {
        return writer;
    }
}
