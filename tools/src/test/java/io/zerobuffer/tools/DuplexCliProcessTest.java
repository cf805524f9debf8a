package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerobuffer.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** duplex-server and duplex-client as processes: round trips, verification, JSON, exit codes. */
class DuplexCliProcessTest {

    private static void awaitRequestBuffer(String channel) {
        Await.await(() -> Files.exists(Path.of("/tmp/zerobuffer", channel + "_request.lock")), Duration.ofSeconds(30),
                "the server to create " + channel + "_request");
    }

    @Test
    void clientsOneAfterAnotherGetVerifiedEchoesAndTheServerCountsThem() throws Exception {
        String channel = Cli.bufferName("dx");
        Cli.Running server = Cli.start("duplex-server", channel, "--payload-size", "1048576", "--duration-s", "60",
                "--json-output");
        awaitRequestBuffer(channel);
        for (int size : new int[] {1, 4096, 100_000}) {
            JsonNode client = Cli.run("duplex-client", channel, "-n", "500", "-s", String.valueOf(size), "--verify",
                    "--json-output").expectExit(0).json();
            assertEquals(500, client.get("responses_received").asLong());
            assertEquals(0, client.get("verification_errors").asLong());
            JsonNode rtt = client.get("round_trip_us");
            assertTrue(rtt.get("p50").asDouble() > 0 && rtt.get("p50").asDouble() <= rtt.get("p99").asDouble()
                    && rtt.get("p99").asDouble() <= rtt.get("max").asDouble(), rtt.toString());
        }
        server.process().destroy(); // SIGTERM: the server stops and prints its result
        JsonNode served = server.await(Duration.ofSeconds(30)).expectExit(143).json(); // the JVM's exit after SIGTERM
        assertEquals(3, served.get("clients").asLong());
        assertEquals(1500, served.get("responses").asLong());
        assertEquals(0, served.get("handler_errors").asLong());
        assertTrue(!Files.exists(Path.of("/dev/shm", channel + "_request")), "the server removed its buffer");
    }

    @Test
    void verificationFailsAgainstTheXorHandlerAndNoServerIsExitOne() throws Exception {
        String channel = Cli.bufferName("dx");
        Cli.Running server = Cli.start("duplex-server", channel, "--handler", "xor", "--payload-size", "65536",
                "--duration-s", "60");
        awaitRequestBuffer(channel);
        JsonNode client = Cli.run("duplex-client", channel, "-n", "10", "-s", "100", "--verify", "--json-output")
                .expectExit(4).json();
        assertEquals(10, client.get("verification_errors").asLong());
        server.process().destroy();
        server.await(Duration.ofSeconds(30)).expectExit(143);
        Cli.run("duplex-client", Cli.bufferName("none"), "-n", "1").expectExit(1);
    }
}
