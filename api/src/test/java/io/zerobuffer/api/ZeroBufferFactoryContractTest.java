package io.zerobuffer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The api's evolution contract: no method drops an argument it was given, and every interface says
 * who implements it, so the baseline check knows which additions are compatible.
 */
class ZeroBufferFactoryContractTest {

    /** An implementation written against 1.1: it implements the two-argument createReader only. */
    private static final class OldFactory implements ZeroBufferFactory {
        final List<String> created = new ArrayList<>();

        @Override
        public Reader createReader(String name, BufferConfig config) {
            created.add(name);
            return null;
        }

        @Override
        public Writer attachWriter(String name, WriterOptions options) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public DuplexServer createDuplexServer(String channel, BufferConfig requestConfig,
                ReaderOptions requestOptions, WriterOptions responseOptions) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public DuplexClient createDuplexClient(String channel, BufferConfig responseConfig,
                WriterOptions requestOptions, ReaderOptions responseOptions) {
            throw new UnsupportedOperationException("not used");
        }
    }

    @Test
    void readerOptionsAreNeverSilentlyIgnoredByAnImplementationThatCannotHonourThem() {
        OldFactory factory = new OldFactory();
        ReaderOptions spin = ReaderOptions.defaults().withWaitStrategy(WaitStrategy.SPIN_THEN_BLOCK);
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> factory.createReader("contract", BufferConfig.of(1024, 4096), spin));
        assertTrue(refused.getMessage().contains(OldFactory.class.getName())
                && refused.getMessage().contains("createReader(name, config, options)")
                && refused.getMessage().contains("'contract'"), refused.getMessage());
        assertEquals(List.of(), factory.created, "no buffer was created with the options dropped");
    }

    @Test
    void everyInterfaceSaysWhoImplementsIt() throws IOException {
        // The versioning annotations are retained in the class file only (not at run time): read it.
        for (Class<?> provided : List.of(ZeroBufferFactory.class, Reader.class, Writer.class, Frame.class,
                BufferDirectory.class, DuplexServer.class, DuplexClient.class)) {
            assertTrue(annotatedWith(provided, ProviderType.class), provided.getSimpleName() + " is @ProviderType");
        }
        assertTrue(annotatedWith(DuplexHandler.class, ConsumerType.class), "DuplexHandler is @ConsumerType");
    }

    private static boolean annotatedWith(Class<?> type, Class<?> annotation) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return classFile.contains("L" + annotation.getName().replace('.', '/') + ";");
        }
    }
}
