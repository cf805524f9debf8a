package io.zerobuffer.monitor.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.monitor.MonitorPeer;
import io.zerobuffer.testsupport.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window, headless (Monocle), against real buffers: the writer is a second JVM using the
 * engine, crashes are {@code kill -9}, garbage is a real file in /dev/shm. What is asserted is
 * what the window shows: cell and label texts and their style classes.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorViewTest {
    private final String name = "zbt-mon-ui-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
    private final List<Path> rawFiles = new ArrayList<>();
    private LinuxBufferDirectory directory;
    private MonitorWindow window;

    @Start
    void start(Stage stage) {
        directory = new LinuxBufferDirectory();
        // these tests hold unread frames for longer than the default 5 s on a loaded machine; they
        // are about counts and liveness, so "stalled" (HealthStatesTest) is set far off here
        window = MonitorWindow.show(stage, directory, 100, name, null, Duration.ofMinutes(5));
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(5, TimeUnit.SECONDS);
        factory.close();
        directory.close();
        for (Path raw : rawFiles) {
            Files.deleteIfExists(raw);
        }
    }

    @Test
    void framesWrittenByAnotherProcessShowUpWithCountsAndUtilisation(FxRobot robot) throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        try (Peer writer = Peer.start(MonitorPeer.class, "write-and-hold", name, "10", "1000")) {
            writer.awaitLine("READY");
            long pid = writer.pid();
            // 10 frames x (16 + 1000) bytes of a 65,536-byte ring, none read: 15.5 %
            awaitLabel(robot, "#detail-written", "10 frames");
            assertEquals("0 frames", label(robot, "#detail-read"));
            assertEquals("10 frames", label(robot, "#detail-inflight"));
            assertEquals("alive " + pid, label(robot, "#detail-writer"));
            assertEquals("alive " + ProcessHandle.current().pid(), label(robot, "#detail-reader"));
            assertTrue(label(robot, "#detail-health").startsWith("healthy · 15.5 % used"), label(robot, "#detail-health"));
            assertTrue(label(robot, "#detail-next").startsWith("#1 · 1000 B"), label(robot, "#detail-next"));
            assertEquals("#10 written last · #1 next · gap 10", label(robot, "#detail-sequence"));
            assertTrue(label(robot, "#detail-metadata").startsWith("19 B of a 1.0 KiB block"), label(robot, "#detail-metadata"));
            awaitTrue(() -> rowTexts(robot, name).orElse(List.of()).contains("15.5 %"), "15.5 % in the row of " + name);
            List<String> cells = rowTexts(robot, name).orElseThrow(() -> new AssertionError(name + " not in the table"));
            assertTrue(cells.contains("healthy"), cells.toString());
            assertTrue(cells.contains("10"), "frames in flight: " + cells);
            assertTrue(cells.contains("alive " + pid), cells.toString());
            assertTrue(cells.contains("held by " + ProcessHandle.current().pid()), cells.toString());
        }
        reader.close();
    }

    @Test
    void aBridgedBufferShowsItsRoleAndRemoteEndInTheTableAndTheDetail(FxRobot robot) throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        awaitLabel(robot, "#detail-bridge", "none (a local buffer)");
        // what a receive bridge end (the buffer's writer) leaves next to the lock file
        io.zerobuffer.api.BridgeInfo end = new io.zerobuffer.api.BridgeInfo(name, "receive",
                "aeron:udp?endpoint=10.0.0.2:40456", "10.0.0.1:50123", 1001, ProcessHandle.current().pid());
        Path description = Path.of("/tmp/zerobuffer", end.fileName());
        rawFiles.add(description);
        Files.write(description, end.describe());
        awaitLabel(robot, "#detail-bridge", "receive from 10.0.0.1:50123 · aeron:udp?endpoint=10.0.0.2:40456 stream 1001 · pid "
                + ProcessHandle.current().pid());
        awaitTrue(() -> rowTexts(robot, name).orElse(List.of()).contains("receive from 10.0.0.1:50123"),
                "the bridge in the row of " + name);
        Files.delete(description);
        awaitLabel(robot, "#detail-bridge", "none (a local buffer)");
        reader.close();
    }

    @Test
    void aWriterKilledWithSignalNineTurnsDeadAndRed(FxRobot robot) throws Exception {
        factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        try (Peer writer = Peer.start(MonitorPeer.class, "write-and-hold", name, "3", "100")) {
            writer.awaitLine("READY");
            long pid = writer.pid();
            awaitLabel(robot, "#detail-writer", "alive " + pid);
            assertFalse(styleClasses(robot, "#detail-writer").contains("process-dead"));
            writer.kill9();
            awaitLabel(robot, "#detail-writer", "dead " + pid);
            assertTrue(styleClasses(robot, "#detail-writer").contains("process-dead"), "dead is red");
            awaitTrue(() -> deadCells(robot, name).equals(List.of("dead " + pid)), "the table's writer cell dead and red");
            assertEquals("alive " + ProcessHandle.current().pid(), label(robot, "#detail-reader"));
        }
    }

    @Test
    void aBufferAppearsAndVanishesWithinASecond(FxRobot robot) throws Exception {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertTrue(rowTexts(robot, name).isEmpty());
        long created = System.nanoTime();
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        awaitTrue(() -> rowTexts(robot, name).isPresent(), "row of " + name);
        long appeared = (System.nanoTime() - created) / 1_000_000;
        awaitLabel(robot, "#detail-name", name, true);
        long closed = System.nanoTime();
        reader.close();
        awaitTrue(() -> rowTexts(robot, name).isEmpty(), "no row of " + name);
        long vanished = (System.nanoTime() - closed) / 1_000_000;
        assertTrue(appeared < 1000, "appeared after " + appeared + " ms");
        assertTrue(vanished < 1000, "vanished after " + vanished + " ms");
        assertFalse(label(robot, "#detail-name").startsWith(name), "the detail no longer shows it");
    }

    @Test
    void theSelectionFollowsTheBufferNotTheRowWhenItVanishes(FxRobot robot) throws Exception {
        String after = name + "-zz"; // sorts right after the selected one: the row that would inherit the selection
        String before = name + "-00";
        Reader selected = factory.createReader(name, BufferConfig.of(0, 4096));
        Reader neighbour = factory.createReader(after, BufferConfig.of(0, 4096));
        Reader other = factory.createReader(before, BufferConfig.of(0, 4096));
        awaitTrue(() -> rowTexts(robot, after).isPresent() && rowTexts(robot, before).isPresent(), "all three rows");
        awaitLabel(robot, "#detail-name", name + " ", true);
        selected.close();
        awaitTrue(() -> rowTexts(robot, name).isEmpty(), "no row of " + name);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        String selectedRow = WaitForAsyncUtils.asyncFx(() -> {
            Object m = robot.lookup("#buffers").queryAs(TableView.class).getSelectionModel().getSelectedItem();
            return m == null ? null : ((RowModel) m).name();
        }).get(5, TimeUnit.SECONDS);
        assertEquals(null, selectedRow, "nothing else gets selected in place of the vanished buffer");
        assertTrue(label(robot, "#detail-name").startsWith("Gone: " + name), label(robot, "#detail-name"));
        assertEquals(name, window.view().wanted());
        selected = factory.createReader(name, BufferConfig.of(0, 8192));
        awaitLabel(robot, "#detail-name", name + " ", true);
        selected.close();
        neighbour.close();
        other.close();
    }

    @Test
    void theSelectedBufferIsScrolledIntoViewAndItsMetadataWraps(FxRobot robot) throws Exception {
        List<Reader> fillers = new ArrayList<>();
        for (int i = 0; i < 25; i++) { // names that sort before the selected one: it comes last
            fillers.add(factory.createReader("zbt-mon-ui--" + name.substring(11) + "-" + (10 + i), BufferConfig.of(0, 4096)));
        }
        awaitTrue(() -> allRows(robot).size() >= 8, "a full table");
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 4096));
        awaitLabel(robot, "#detail-name", name + " ", true);
        awaitTrue(() -> rowTexts(robot, name).isPresent(), "the selected row scrolled into view");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#detail-metadata-preview")
                .queryAs(javafx.scene.control.TextArea.class).isWrapText()).get(5, TimeUnit.SECONDS),
                "the metadata preview wraps");
        reader.close();
        for (Reader filler : fillers) {
            filler.close();
        }
    }

    @Test
    void theFilterBoxHidesOtherBuffersAndGlobsWork(FxRobot robot) throws Exception {
        String other = name + "-other";
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Reader second = factory.createReader(other, BufferConfig.of(0, 4096));
        awaitTrue(() -> rowTexts(robot, other).isPresent(), "row of " + other);
        WaitForAsyncUtils.asyncFx(() -> window.view().filterBox().setText(other)).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> rowTexts(robot, name).isEmpty() && rowTexts(robot, other).isPresent(), "only " + other);
        WaitForAsyncUtils.asyncFx(() -> window.view().filterBox().setText(name.substring(0, 11) + "*-other"))
                .get(5, TimeUnit.SECONDS);
        awaitTrue(() -> rowTexts(robot, name).isEmpty() && rowTexts(robot, other).isPresent(), "a glob");
        WaitForAsyncUtils.asyncFx(() -> window.view().filterBox().setText("")).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> rowTexts(robot, name).isPresent(), "all again");
        second.close();
        reader.close();
    }

    @Test
    void theTableGrowsWithTheWindow(FxRobot robot) throws Exception {
        double small = tableHeightAfterResize(robot, 480);
        double tall = tableHeightAfterResize(robot, 780); // within Monocle's 1280 x 800 screen
        assertTrue(tall >= small + 250, "table " + small + " px in a 480 px window, " + tall + " px in a 780 px one");
    }

    private static double tableHeightAfterResize(FxRobot robot, double windowHeight) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            TableView<?> table = robot.lookup("#buffers").queryAs(TableView.class);
            table.getScene().getWindow().setHeight(windowHeight);
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#buffers").queryAs(TableView.class).getHeight())
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void aShmFileWithGarbageFirstBytesIsIgnoredWithoutAnyDialog(FxRobot robot) throws Exception {
        String garbage = name + "-garbage";
        byte[] bytes = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = (byte) 128; // even a right oieb_size with nonsense after it
        Path file = Path.of("/dev/shm", garbage);
        rawFiles.add(file);
        Files.write(file, bytes);
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096)); // proof that polls go on
        awaitTrue(() -> rowTexts(robot, name).isPresent(), "row of " + name);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertTrue(rowTexts(robot, garbage).isEmpty(), "garbage listed");
        assertEquals(1, WaitForAsyncUtils.asyncFx(() -> Window.getWindows().size()).get(), "no dialog opened");
        assertFalse(styleClasses(robot, "#status").contains("status-error"), label(robot, "#status"));
        assertFalse(label(robot, "#status").contains("failed"), label(robot, "#status"));
        reader.close();
    }

    // --- what the screen shows -------------------------------------------------------------

    private static String label(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryAs(Label.class).getText()).get(5, TimeUnit.SECONDS);
    }

    private static List<String> styleClasses(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(robot.lookup(id).query().getStyleClass())).get(5, TimeUnit.SECONDS);
    }

    /** @return the texts of every cell in the table row of that buffer, or empty if it has none */
    private static Optional<List<String>> rowTexts(FxRobot robot, String buffer) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            TableView<?> table = robot.lookup("#buffers").queryAs(TableView.class);
            for (Node n : table.lookupAll(".table-row-cell")) {
                TableRow<?> row = (TableRow<?>) n;
                if (!row.isEmpty() && row.getItem() instanceof RowModel m && m.name().equals(buffer)) {
                    List<String> texts = new ArrayList<>();
                    collect(row, texts);
                    return Optional.of(texts);
                }
            }
            return Optional.<List<String>>empty();
        }).get(5, TimeUnit.SECONDS);
    }

    private List<List<String>> allRows(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<List<String>> all = new ArrayList<>();
            for (Node n : robot.lookup("#buffers").queryAs(TableView.class).lookupAll(".table-row-cell")) {
                if (!((TableRow<?>) n).isEmpty()) {
                    List<String> texts = new ArrayList<>();
                    collect(n, texts);
                    all.add(texts);
                }
            }
            return all;
        }).get(5, TimeUnit.SECONDS);
    }

    private static List<String> deadCells(FxRobot robot, String buffer) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> dead = new ArrayList<>();
            TableView<?> table = robot.lookup("#buffers").queryAs(TableView.class);
            for (Node n : table.lookupAll(".table-row-cell")) {
                TableRow<?> row = (TableRow<?>) n;
                if (!row.isEmpty() && row.getItem() instanceof RowModel m && m.name().equals(buffer)) {
                    for (Node cell : row.lookupAll(".process-dead")) {
                        dead.add(((Labeled) cell).getText());
                    }
                }
            }
            return dead;
        }).get(5, TimeUnit.SECONDS);
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            texts.add(l.getText());
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts);
            }
        }
    }

    private static void awaitLabel(FxRobot robot, String id, String text) throws Exception {
        awaitLabel(robot, id, text, false);
    }

    private static void awaitLabel(FxRobot robot, String id, String text, boolean prefix) throws Exception {
        String[] last = {null};
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
                last[0] = label(robot, id);
                return prefix ? last[0].startsWith(text) : last[0].equals(text);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(id + " never showed '" + text + "'; it shows '" + last[0] + "'");
        }
    }

    private void awaitTrue(Check condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::get);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("never saw " + what + "; the table shows " + allRows(new FxRobot()));
        }
    }

    private interface Check {
        boolean get() throws Exception;
    }
}
