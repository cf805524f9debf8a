package io.zerobuffer.serve.steps;

import io.zerobuffer.api.Frame;
import io.zerobuffer.api.MetadataAlreadyWrittenException;
import io.zerobuffer.api.MetadataTooLargeException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import java.nio.ByteBuffer;

/** Feature 03, error handling: metadata written once, metadata too large, no metadata block. */
public final class ErrorHandlingSteps {
    /** Frames written by "writes frames without metadata". */
    public static final int FRAMES_WITHOUT_METADATA = 5;

    private final World world;

    /** @param world the scenario state */
    public ErrorHandlingSteps(World world) {
        this.world = world;
    }

    /**
     * @param process the role
     * @param size    metadata bytes
     */
    @When("the '{word}' process attempts to write metadata again with size '{int}'")
    public void writeMetadataAgain(String process, int size) {
        attemptMetadata(size);
    }

    /**
     * @param process the role
     * @param size    metadata bytes
     */
    @When("the '{word}' process attempts to write metadata with size '{int}'")
    public void attemptMetadataWithSize(String process, int size) {
        attemptMetadata(size);
    }

    void attemptMetadata(int size) {
        try {
            world.writer().writeMetadata(Patterns.simple(size));
            world.lastError(null);
            world.context().put("metadataSize", String.valueOf(size));
        } catch (RuntimeException e) {
            world.lastError(e);
            world.log(2, "metadata write of " + size + " bytes refused: " + World.describe(e));
        }
    }

    /** @param process the role */
    @Then("the '{word}' process verifies the second metadata write should fail")
    public void secondMetadataFails(String process) {
        world.expectLastError(MetadataAlreadyWrittenException.class, "second metadata write");
    }

    /** @param process the role */
    @Then("the '{word}' process verifies the original metadata should remain unchanged")
    public void metadataUnchanged(String process) {
        Reader reader = world.reader();
        StepFailure.expect(reader.hasMetadata(), "expected the writer's metadata in the buffer, there is none");
        ByteBuffer metadata = reader.metadata();
        String expected = world.context().get("metadataSize");
        if (expected != null) {
            StepFailure.expectEqual("metadata length", Integer.parseInt(expected), metadata.remaining());
        }
        Patterns.check(metadata, 0, "metadata");
    }

    /** @param process the role */
    @Then("the '{word}' process verifies the metadata write should fail with size error")
    public void metadataTooLarge(String process) {
        world.expectLastError(MetadataTooLargeException.class, "metadata write");
    }

    /** @param process the role */
    @When("the '{word}' process writes frames without metadata")
    public void framesWithoutMetadata(String process) {
        Writer writer = world.writer();
        for (int i = 0; i < FRAMES_WITHOUT_METADATA; i++) {
            writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
        }
        world.context().put("framesWritten", String.valueOf(writer.framesWritten()));
    }

    /** @param process the role */
    @Then("the '{word}' process should read frames successfully")
    public void readFrames(String process) {
        String written = world.context().get("framesWritten");
        int count = written == null ? FRAMES_WITHOUT_METADATA : Integer.parseInt(written);
        for (int i = 0; i < count; i++) {
            Frame frame = world.readRecorded();
            Patterns.check(frame.data(), frame.sequence(), "frame " + frame.sequence());
            world.releaseHeldFrame();
        }
    }

    /** @param process the role */
    @Then("the '{word}' process verifies the system should work without metadata")
    public void worksWithoutMetadata(String process) {
        Reader reader = world.reader();
        StepFailure.expect(!reader.hasMetadata(), "expected no metadata, saw " + reader.metadata().remaining() + " bytes");
        StepFailure.expectEqual("metadata block size", 0L, reader.status().metadataSize());
        StepFailure.expect(!world.sequencesRead().isEmpty() || reader.status().writtenCount() > 0,
                "expected frames to have flowed without metadata, none did");
    }
}
