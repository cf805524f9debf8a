package io.zerobuffer.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code duplex-server <channel>}: serves duplex channel {@code CHANNEL} (buffers
 * {@code CHANNEL_request} and {@code CHANNEL_response}) with a built-in handler, client after
 * client, until Ctrl-C or SIGTERM (or {@code --duration-s}). Each response is written in place
 * in the response ring.
 */
@Command(name = "duplex-server", sortOptions = false, usageHelpAutoWidth = true,
        description = "Serve a duplex channel (CHANNEL_request / CHANNEL_response) until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:served for --duration-s (after Ctrl-C or SIGTERM the JVM exits 130 or 143, result printed)",
            "1:could not create the channel", "3:bad arguments"})
final class DuplexServerCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_CREATE = 1;
    static final int EXIT_USAGE = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    private String channel;

    @Option(names = "--handler", paramLabel = "H", defaultValue = "echo",
            description = "echo, xor (every byte XOR 0xFF) or delay:MS (echo after MS ms) (default: ${DEFAULT-VALUE})")
    private String handler;

    @Option(names = "--payload-size", paramLabel = "BYTES", defaultValue = "67108864",
            description = "request ring bytes (default: ${DEFAULT-VALUE})")
    private long payloadSize;

    @Option(names = "--metadata-size", paramLabel = "BYTES", defaultValue = "4096",
            description = "request metadata block bytes (default: ${DEFAULT-VALUE})")
    private long metadataSize;

    @Option(names = "--spin", description = "spin up to 100 us before blocking, for lower round trips")
    private boolean spin;

    @Option(names = "--duration-s", paramLabel = "SECONDS", defaultValue = "0",
            description = "stop after this many seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
    private long durationSeconds;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    DuplexServerCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    /** The JSON result. */
    @JsonPropertyOrder({"operation", "channel", "handler", "clients", "requests", "responses", "handler_errors",
        "duration_seconds", "errors"})
    record Result(@JsonProperty("operation") String operation, @JsonProperty("channel") String channel,
            @JsonProperty("handler") String handler, @JsonProperty("clients") long clients,
            @JsonProperty("requests") long requests, @JsonProperty("responses") long responses,
            @JsonProperty("handler_errors") long handlerErrors, @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("errors") List<String> errors) {
    }

    @Override
    public Integer call() throws InterruptedException {
        Arguments.bufferName(spec, channel + "_response");
        Arguments.nonNegative(spec, "--duration-s", durationSeconds);
        DuplexHandler built = handler(spec, handler);
        BufferConfig config;
        try {
            config = BufferConfig.of(metadataSize, payloadSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--payload-size/--metadata-size: " + e.getMessage());
        }
        Console console = output.console("DUPLEX-SERVER");
        ErrorList errors = new ErrorList();
        long start = System.nanoTime();
        try (StopSignal stop = StopSignal.install()) {
            DuplexServer server;
            try {
                WaitStrategy wait = spin ? WaitStrategy.SPIN_THEN_BLOCK : WaitStrategy.BLOCKING;
                server = factory.get().createDuplexServer(channel, config,
                        ReaderOptions.defaults().withWaitStrategy(wait), WriterOptions.defaults().withWaitStrategy(wait));
                server.start(built);
            } catch (ZeroBufferException | IllegalArgumentException e) {
                errors.add("Could not create the channel: " + e.getMessage());
                console.error("could not serve channel '" + channel + "': " + e.getMessage());
                console.result(new Result("duplex-server", channel, handler, 0, 0, 0, 0, 0, errors.toList()));
                return EXIT_CREATE;
            }
            try (server) {
                console.verbose("Serving channel %s (%s_request, %d byte ring) with handler %s", channel, channel,
                        payloadSize, handler);
                long deadline = durationSeconds == 0 ? Long.MAX_VALUE : start + TimeUnit.SECONDS.toNanos(durationSeconds);
                long lastRequests = -1;
                while (!stop.requested() && System.nanoTime() - deadline < 0 && server.isRunning()) {
                    Thread.sleep(50);
                    if (console.progressDue(System.nanoTime()) && server.requests() != lastRequests) {
                        lastRequests = server.requests();
                        console.verbose("clients %d, requests %d, responses %d, handler errors %d", server.clients(),
                                server.requests(), server.responses(), server.handlerErrors());
                    }
                }
                server.stop();
                double seconds = (System.nanoTime() - start) / 1e9;
                console.result(new Result("duplex-server", channel, handler, server.clients(), server.requests(),
                        server.responses(), server.handlerErrors(), seconds, errors.toList()));
                console.summary("Served %d clients, %d requests, %d responses, %d handler errors in %.1f s",
                        server.clients(), server.requests(), server.responses(), server.handlerErrors(), seconds);
            }
        }
        return EXIT_OK;
    }

    /** @return the handler a {@code --handler} value names */
    static DuplexHandler handler(CommandSpec spec, String value) {
        if (value.equals("echo")) {
            return (request, response) -> response.write(request.data());
        }
        if (value.equals("xor")) {
            return DuplexServerCommand::xor;
        }
        if (value.startsWith("delay:")) {
            long millis;
            try {
                millis = Long.parseLong(value.substring("delay:".length()));
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 0) {
                throw new ParameterException(spec.commandLine(), "--handler delay:MS needs a whole number of ms >= 0, got '"
                        + value + "'");
            }
            long delay = millis;
            return (request, response) -> {
                Thread.sleep(delay);
                response.write(request.data());
            };
        }
        throw new ParameterException(spec.commandLine(), "--handler must be echo, xor or delay:MS, got '" + value + "'");
    }

    private static void xor(Frame request, Writer response) {
        ByteBuffer in = request.data();
        ByteBuffer out = response.acquire(request.size());
        int n = in.limit();
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            out.putLong(i, ~in.getLong(i));
        }
        for (; i < n; i++) {
            out.put(i, (byte) ~in.get(i));
        }
        response.commit();
    }

}
