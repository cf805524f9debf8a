package io.zerobuffer.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code duplex-client <channel>}: connects to a duplex server and makes COUNT round trips of
 * SIZE-byte requests (a data pattern filled in place in the request ring), one at a time, and
 * reports the round-trip percentiles. With {@code --verify} each response must equal its request
 * (the {@code echo} and {@code delay:MS} handlers).
 */
@Command(name = "duplex-client", sortOptions = false, usageHelpAutoWidth = true,
        description = "Connect to a duplex channel and measure request/response round trips.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every response received (and verified)", "1:could not connect",
            "2:request error, timeout or server gone", "3:bad arguments", "4:verification failed"})
final class DuplexClientCommand implements Callable<Integer>, ToolCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_CONNECT = 1;
    static final int EXIT_ERROR = 2;
    static final int EXIT_USAGE = 3;
    static final int EXIT_VERIFY = 4;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    private String channel;

    @Option(names = {"-n", "--requests"}, paramLabel = "COUNT", defaultValue = "1000",
            description = "round trips (default: ${DEFAULT-VALUE})")
    private long count;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "1024",
            description = "bytes per request (default: ${DEFAULT-VALUE})")
    private int size;

    @Option(names = "--verify", description = "check that every response equals its request")
    private boolean verify;

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "sequential",
            converter = Arguments.PatternConverter.class,
            description = "request data: sequential, random, zero or ones (default: ${DEFAULT-VALUE})")
    private DataPattern pattern;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "longest wait for one response (default: ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--response-size", paramLabel = "BYTES", defaultValue = "0",
            description = "response ring bytes; 0 = max(64 MiB, 3 x (SIZE + 16)) (default: ${DEFAULT-VALUE})")
    private long responseSize;

    @Option(names = "--spin", description = "spin up to 100 us before blocking, for lower round trips")
    private boolean spin;

    @Mixin
    private OutputOptions output;

    private final Supplier<ZeroBufferFactory> factory;

    DuplexClientCommand(Supplier<ZeroBufferFactory> factory) {
        this.factory = factory;
    }

    @Override
    public int badArgumentsExitCode() {
        return EXIT_USAGE;
    }

    /** Round-trip percentiles in microseconds. */
    @JsonPropertyOrder({"p50", "p90", "p99", "max", "mean"})
    record RoundTrip(@JsonProperty("p50") double p50, @JsonProperty("p90") double p90, @JsonProperty("p99") double p99,
            @JsonProperty("max") double max, @JsonProperty("mean") double mean) {
        static RoundTrip of(long[] nanos, int n) {
            if (n == 0) {
                return new RoundTrip(0, 0, 0, 0, 0);
            }
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            double sum = 0;
            for (long value : sorted) {
                sum += value;
            }
            return new RoundTrip(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[n - 1] / 1e3, sum / n / 1e3);
        }

        private static double at(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
        }
    }

    /** The JSON result. */
    @JsonPropertyOrder({"operation", "channel", "requests_sent", "responses_received", "request_size",
        "duration_seconds", "round_trips_per_second", "round_trip_us", "verification_errors", "errors"})
    record Result(@JsonProperty("operation") String operation, @JsonProperty("channel") String channel,
            @JsonProperty("requests_sent") long requestsSent, @JsonProperty("responses_received") long responsesReceived,
            @JsonProperty("request_size") int requestSize, @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("round_trips_per_second") double roundTripsPerSecond,
            @JsonProperty("round_trip_us") RoundTrip roundTrip,
            @JsonProperty("verification_errors") long verificationErrors, @JsonProperty("errors") List<String> errors) {
    }

    @Override
    public Integer call() {
        Arguments.bufferName(spec, channel + "_response");
        Arguments.nonNegative(spec, "--requests", count);
        Arguments.atLeastOne(spec, "--size", size);
        Arguments.atLeastOne(spec, "--timeout-ms", timeoutMs);
        Arguments.nonNegative(spec, "--response-size", responseSize);
        if (count > 100_000_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--requests must be at most 100000000 (every round trip is kept for the percentiles), got " + count);
        }
        long ring = responseSize > 0 ? responseSize : Math.max(64L << 20, 3L * (size + 16L));
        BufferConfig responseConfig;
        try {
            responseConfig = BufferConfig.of(0, ring);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--response-size: " + e.getMessage());
        }
        FramePattern source = new FramePattern(pattern, size, Arguments.randomDraw(spec));
        try (StopSignal stop = StopSignal.install()) {
            return execute(stop, responseConfig, source);
        }
    }

    private int execute(StopSignal stop, BufferConfig responseConfig, FramePattern source) {
        Console console = output.console("DUPLEX-CLIENT");
        ErrorList errors = new ErrorList();
        long[] roundTrips = new long[(int) count];
        long received = 0;
        long sent = 0;
        long verificationErrors = 0;
        long start = System.nanoTime();
        long end = start;
        int exit = EXIT_OK;
        WaitStrategy wait = spin ? WaitStrategy.SPIN_THEN_BLOCK : WaitStrategy.BLOCKING;
        DuplexClient client;
        try {
            client = factory.get().createDuplexClient(channel, responseConfig,
                    WriterOptions.defaults().withAttachTimeout(WriterCommand.ATTACH_TIMEOUT).withWaitStrategy(wait),
                    ReaderOptions.defaults().withWaitStrategy(wait));
        } catch (ZeroBufferException | IllegalArgumentException e) {
            errors.add("Could not connect: " + e.getMessage());
            console.error("could not connect to channel '" + channel + "': " + e.getMessage());
            console.result(new Result("duplex-client", channel, 0, 0, size, 0, 0, RoundTrip.of(roundTrips, 0), 0,
                    errors.toList()));
            return EXIT_CONNECT;
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        try (client) {
            console.verbose("Connected to channel %s; %d requests of %d bytes", channel, count, size);
            start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                if (stop.requested()) {
                    errors.add("Interrupted after " + received + " responses");
                    exit = EXIT_ERROR;
                    break;
                }
                long t0 = System.nanoTime();
                ByteBuffer request = client.acquire(size);
                source.fill(request, i);
                long sequence = client.commit();
                sent++;
                try (Frame response = client.receive(timeout)) {
                    long t1 = System.nanoTime();
                    if (response == null) {
                        errors.add("Request " + sequence + ": no response within " + timeoutMs + " ms");
                        exit = EXIT_ERROR;
                        break;
                    }
                    roundTrips[(int) received++] = t1 - t0;
                    if (response.sequence() != sequence) {
                        errors.add("Request " + sequence + ": response carries sequence " + response.sequence());
                        exit = EXIT_ERROR;
                        break;
                    }
                    if (verify && (response.size() != size || !source.matches(response.data(), i))) {
                        verificationErrors++;
                        errors.add("Request " + sequence + ": the response (" + response.size()
                                + " bytes) differs from the request");
                    }
                }
                if (console.progressDue(System.nanoTime())) {
                    console.verbose("%d/%d round trips", received, count);
                }
            }
            end = System.nanoTime();
        } catch (ZeroBufferException | IllegalStateException e) {
            end = System.nanoTime();
            errors.add("Request " + (sent) + ": " + e.getMessage());
            console.error(e.getMessage());
            exit = EXIT_ERROR;
        }
        if (exit == EXIT_OK && verificationErrors > 0) {
            exit = EXIT_VERIFY;
        }
        double seconds = (end - start) / 1e9;
        RoundTrip percentiles = RoundTrip.of(roundTrips, (int) received);
        console.result(new Result("duplex-client", channel, sent, received, size, seconds,
                seconds > 0 ? received / seconds : 0, percentiles, verificationErrors, errors.toList()));
        console.summary("Completed: %d round trips of %d bytes in %.3f s; round trip p50 %.1f us, p90 %.1f us,"
                + " p99 %.1f us, max %.1f us; %d verification errors", received, size, seconds, percentiles.p50(),
                percentiles.p90(), percentiles.p99(), percentiles.max(), verificationErrors);
        return exit;
    }
}
