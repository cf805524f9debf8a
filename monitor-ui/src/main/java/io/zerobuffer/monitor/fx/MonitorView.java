package io.zerobuffer.monitor.fx;

import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.RingLayout;
import io.zerobuffer.monitor.BufferDetail;
import io.zerobuffer.monitor.BufferRow;
import io.zerobuffer.monitor.ChannelRow;
import io.zerobuffer.monitor.Format;
import io.zerobuffer.monitor.MonitorModel;
import io.zerobuffer.monitor.MonitorSnapshot;
import io.zerobuffer.monitor.NameFilter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The monitor window's content: the buffer table on top, the selected buffer below (ring,
 * counters, liveness, rates chart, metadata preview), a status line at the bottom. Feed it
 * snapshots with {@link #apply(MonitorSnapshot)} on the JavaFX thread. Nodes tests look for
 * carry ids: {@code #buffers} (the table), {@code #channels} (duplex channels, shown when there
 * are any), {@code #filter} (the filter box), {@code #detail-*} labels, {@code #status}.
 *
 * <p>The selection follows the buffer, not the row: when the selected buffer vanishes (or the
 * filter hides it) nothing else is selected in its place; the detail says it is gone, and it is
 * selected again when it comes back. The table takes the window's extra height.
 */
public final class MonitorView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MonitorModel model;
    private final TableView<RowModel> table = new TableView<>();
    private final TableView<ChannelModel> channelTable = new TableView<>();
    private final ObservableList<ChannelModel> channelRows = FXCollections.observableArrayList();
    private final Map<String, ChannelModel> channelsByName = new HashMap<>();
    private final Label channelsTitle = new Label("Duplex channels (NAME_request + NAME_response)");
    private final TextField filterBox = new TextField();
    private final ObservableList<RowModel> rows = FXCollections.observableArrayList();
    private final Map<String, RowModel> byName = new HashMap<>();
    private final Map<String, Label> facts = new HashMap<>();
    private final RingCanvas ring = new RingCanvas(300);
    private final RateChart chart = new RateChart(420, 220);
    private final TextArea metadata = new TextArea();
    private final Label title = new Label("no buffer selected");
    private final Label status = new Label("starting");
    private final Label placeholder = new Label("No ZeroBuffer buffers in /dev/shm");
    private final VBox detail;
    /**
     * The table's numbers are redrawn twice a second (a buffer appearing or vanishing, and a
     * change of health or liveness, and the selected buffer's row show at once): ten redraws a
     * second of every row cost a
     * software renderer a lot of CPU and nobody reads a table that fast. The selected buffer's
     * detail is redrawn on every poll.
     */
    private static final long ROW_REFRESH_NANOS = 500_000_000L;
    private long lastRowRefresh;
    private String wanted;
    private boolean updatingRows;
    private byte[] shownMetadata = new byte[0];

    /**
     * @param model  the model (the view tells it which buffer is selected)
     * @param select a buffer to select once it appears, or null for the first one
     */
    public MonitorView(MonitorModel model, String select) {
        this.model = model;
        this.wanted = select;
        getStyleClass().add("monitor");
        getStylesheets().add(MonitorView.class.getResource("monitor.css").toExternalForm());

        table.setId("buffers");
        table.setItems(rows);
        table.setPlaceholder(placeholder);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Name", 200, r -> r.nameText.getReadOnlyProperty(), "name"),
                column("Size", 90, r -> r.size.getReadOnlyProperty(), "number"),
                utilisationColumn(),
                column("Health", 90, r -> r.health.getReadOnlyProperty(), "health"),
                column("In flight", 80, r -> r.inFlight.getReadOnlyProperty(), "number"),
                column("Frames/s", 90, r -> r.framesPerSecond.getReadOnlyProperty(), "number"),
                column("MiB/s", 80, r -> r.mibPerSecond.getReadOnlyProperty(), "number"),
                column("Writer", 110, r -> r.writer.getReadOnlyProperty(), "process"),
                column("Reader", 110, r -> r.reader.getReadOnlyProperty(), "process"),
                column("Lock file", 110, r -> r.lock.getReadOnlyProperty(), "lock"),
                column("Bridge", 170, r -> r.bridge.getReadOnlyProperty(), "bridge")));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (updatingRows) {
                return; // a row came or went: the selection stays with the buffer, not the row
            }
            model.select(now == null ? null : now.name);
            if (now != null) {
                wanted = now.name;
            }
        });
        channelTable.setId("channels");
        channelTable.setItems(channelRows);
        channelTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        channelTable.getColumns().addAll(List.of(
                channelColumn("Channel", 200, c -> c.name, "name"),
                channelColumn("Health", 90, c -> c.health, "health"),
                channelColumn("Request used", 110, c -> c.requestUsed, "number"),
                channelColumn("Response used", 110, c -> c.responseUsed, "number"),
                channelColumn("Round trips/s", 110, c -> c.roundTrips, "number"),
                channelColumn("Client", 200, c -> c.client, "process"),
                channelColumn("Server", 200, c -> c.server, "process")));
        channelTable.setFixedCellSize(26);
        channelTable.setPrefHeight(26 * 3 + 30);
        channelTable.setMinHeight(26 + 30);
        channelsTitle.getStyleClass().add("section-title");
        showChannels(false);
        filterBox.setId("filter");
        filterBox.setPromptText("filter: part of a name, or a glob (camera-*)");
        filterBox.setPrefColumnCount(30);
        filterBox.textProperty().addListener((o, was, now) -> model.filter(NameFilter.of(now)));

        title.getStyleClass().add("detail-title");
        title.setId("detail-name");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("facts");
        grid.setHgap(12);
        grid.setVgap(5);
        String[][] names = {
            {"health", "Health"}, {"written", "Written"}, {"read", "Read"}, {"inflight", "In flight"},
            {"sequence", "Sequence"}, {"next", "Next unread"}, {"positions", "Read / write at"},
            {"tail", "Wasted tail"},
            {"writer", "Writer"}, {"reader", "Reader"}, {"lock", "Lock file"}, {"bridge", "Bridge"},
            {"metadata", "Metadata"}, {"rate", "Rate"}};
        for (int i = 0; i < names.length; i++) {
            Label key = new Label(names[i][1]);
            key.getStyleClass().add("fact-key");
            key.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label("-");
            value.setId("detail-" + names[i][0]);
            value.getStyleClass().add("fact-value");
            facts.put(names[i][0], value);
            grid.add(key, 0, i);
            grid.add(value, 1, i);
        }
        metadata.setId("detail-metadata-preview");
        metadata.setEditable(false);
        metadata.setWrapText(true);
        metadata.getStyleClass().add("metadata");
        metadata.setPrefRowCount(8);

        VBox ringBox = new VBox(4, ring, legend());
        ringBox.setAlignment(Pos.TOP_CENTER);
        StackPane chartHolder = new StackPane(chart);
        chartHolder.setMinHeight(200);
        chart.widthProperty().bind(chartHolder.widthProperty());
        chart.heightProperty().bind(chartHolder.heightProperty());
        chartHolder.widthProperty().addListener(o -> redrawChart());
        chartHolder.heightProperty().addListener(o -> redrawChart());
        Label metadataTitle = new Label("Metadata preview (text, then hex)");
        metadataTitle.getStyleClass().add("fact-key");
        VBox right = new VBox(6, chartHolder, metadataTitle, metadata);
        VBox.setVgrow(chartHolder, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox body = new HBox(18, ringBox, grid, right);
        body.setPadding(new Insets(8, 12, 8, 12));
        VBox.setVgrow(body, Priority.ALWAYS);
        detail = new VBox(2, title, body);
        detail.getStyleClass().add("detail");
        detail.setPadding(new Insets(8, 0, 0, 12));

        Label filterLabel = new Label("Filter");
        HBox filterBar = new HBox(filterLabel, filterBox);
        filterBar.getStyleClass().add("filter-bar");
        VBox top = new VBox(filterBar, table, channelsTitle, channelTable);
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setMinHeight(80);
        SplitPane split = new SplitPane(top, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        // the detail keeps its height when the window grows: the extra rows go to the table
        SplitPane.setResizableWithParent(detail, Boolean.FALSE);
        setCenter(split);
        status.setId("status");
        status.getStyleClass().add("status");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        setBottom(statusBar);
        showDetail(null);
    }

    private double[][] lastHistory = new double[0][];
    private RingLayout shownRing;
    private Health shownHealth;
    private boolean drawnOnce;

    private void redrawChart() {
        chart.draw(lastHistory);
    }

    private Region legend() {
        HBox box = new HBox(10);
        box.setAlignment(Pos.CENTER);
        for (Object[] item : new Object[][] {
            {RingCanvas.IN_FLIGHT, "unread"}, {RingCanvas.HELD, "read, held"},
            {RingCanvas.TAIL, "wrap tail"}, {RingCanvas.FREE, "free"}}) {
            Rectangle swatch = new Rectangle(10, 10, (Color) item[0]);
            Label l = new Label((String) item[1], swatch);
            l.getStyleClass().add("legend");
            box.getChildren().add(l);
        }
        return box;
    }

    private TableColumn<RowModel, String> column(String header, double width,
            Function<RowModel, ObservableValue<String>> value, String kind) {
        TableColumn<RowModel, String> c = new TableColumn<>(header);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setCellFactory(col -> new StyledCell<>(kind));
        return c;
    }

    private TableColumn<ChannelModel, String> channelColumn(String header, double width,
            Function<ChannelModel, javafx.beans.property.ReadOnlyStringWrapper> value, String kind) {
        TableColumn<ChannelModel, String> c = new TableColumn<>(header);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> value.apply(f.getValue()).getReadOnlyProperty());
        c.setCellFactory(col -> new StyledCell<>(kind));
        return c;
    }

    private void showChannels(boolean show) {
        channelTable.setVisible(show);
        channelTable.setManaged(show);
        channelsTitle.setVisible(show);
        channelsTitle.setManaged(show);
    }

    private static final String[] BAR_CLASSES = {"bar-healthy", "bar-degraded", "bar-critical"};

    private TableColumn<RowModel, Number> utilisationColumn() {
        TableColumn<RowModel, Number> c = new TableColumn<>("Used");
        c.setPrefWidth(150);
        c.setSortable(false);
        c.setCellValueFactory(f -> f.getValue().utilisation.getReadOnlyProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final HBox box = new HBox(6, bar, text);
            {
                bar.setPrefWidth(80);
                box.setAlignment(Pos.CENTER_LEFT);
                getStyleClass().add("used-cell");
            }

            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                double u = item.doubleValue();
                bar.setProgress(u);
                text.setText(Format.percent(u));
                swapStyleClass(bar, BAR_CLASSES, "bar-" + Format.health(Health.of(u)));
                setGraphic(box);
            }
        });
        return c;
    }

    /** A text cell whose style class follows its content (health word, dead process, lock problem). */
    private static final class StyledCell<T> extends TableCell<T, String> {
        private static final String[] CLASSES = {"health-healthy", "health-degraded", "health-critical",
            "health-stalled", "health-corrupt", "process-alive", "process-dead", "process-absent", "lock-problem"};
        private final String kind;

        StyledCell(String kind) {
            this.kind = kind;
            getStyleClass().add("cell-" + kind);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            String wanted = null;
            if (empty || item == null) {
                setText(null);
            } else {
                setText(item);
                switch (kind) {
                    case "health" -> wanted = "health-" + item;
                    case "process" -> wanted = item.contains("dead") ? "process-dead" : "process-" + item.split(" ")[0];
                    case "lock" -> wanted = item.startsWith("!") ? "lock-problem" : null;
                    default -> {
                    }
                }
            }
            swapStyleClass(this, CLASSES, wanted);
        }
    }

    /**
     * Shows a snapshot. JavaFX thread only.
     *
     * @param snapshot the newest poll
     */
    public void apply(MonitorSnapshot snapshot) {
        Set<String> present = new HashSet<>();
        long now = System.nanoTime();
        boolean refreshRows = now - lastRowRefresh >= ROW_REFRESH_NANOS;
        if (refreshRows) {
            lastRowRefresh = now;
        }
        updatingRows = true;
        try {
            for (int i = 0; i < snapshot.rows().size(); i++) {
                BufferRow row = snapshot.rows().get(i);
                present.add(row.name());
                RowModel m = byName.get(row.name());
                if (m == null) {
                    m = new RowModel(row.name());
                    byName.put(row.name(), m);
                    rows.add(Math.min(i, rows.size()), m);
                    m.update(row);
                } else if (refreshRows || m.changedState(row) || row.name().equals(model.selected())) {
                    m.update(row);
                }
            }
            if (byName.keySet().retainAll(present)) {
                rows.removeIf(r -> !present.contains(r.name));
            }
            RowModel selectedRow = table.getSelectionModel().getSelectedItem();
            if (selectedRow != null && wanted != null && !selectedRow.name.equals(wanted)) {
                // the table moved the selection to a neighbour of a removed row: undo that
                table.getSelectionModel().clearSelection();
                selectedRow = null;
            }
            if (selectedRow == null && !rows.isEmpty()) {
                RowModel pick = wanted != null ? byName.get(wanted) : rows.get(0);
                if (pick != null) {
                    table.getSelectionModel().select(pick);
                    table.scrollTo(pick);
                    wanted = pick.name;
                }
            }
            if (wanted != null && !wanted.equals(model.selected())) {
                model.select(wanted);
            }
        } finally {
            updatingRows = false;
        }
        applyChannels(snapshot.channels(), refreshRows);
        BufferDetail d = snapshot.selected().orElse(null);
        String selectedName = model.selected();
        if (d != null && !d.row().name().equals(selectedName)) {
            d = null;
        }
        showDetail(d);
        StringBuilder line = new StringBuilder();
        line.append(snapshot.rows().size()).append(snapshot.rows().size() == 1 ? " buffer" : " buffers")
                .append(" · polled ").append(TIME.format(snapshot.time()));
        if (snapshot.error() != null) {
            line.append(" · ").append(snapshot.error());
        }
        status.setText(line.toString());
        swapStyleClass(status, new String[] {"status-error"}, snapshot.error() == null ? null : "status-error");
    }

    private void applyChannels(List<ChannelRow> channels, boolean refresh) {
        Set<String> present = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelRow c = channels.get(i);
            present.add(c.name());
            ChannelModel m = channelsByName.get(c.name());
            if (m == null) {
                m = new ChannelModel(c.name());
                channelsByName.put(c.name(), m);
                channelRows.add(Math.min(i, channelRows.size()), m);
                m.update(c);
            } else if (refresh) {
                m.update(c);
            }
        }
        if (channelsByName.keySet().retainAll(present)) {
            channelRows.removeIf(c -> !present.contains(c.name.get()));
        }
        showChannels(!channelRows.isEmpty());
    }

    private void showDetail(BufferDetail d) {
        detail.setDisable(d == null);
        swapStyleClass(title, new String[] {"gone"}, d == null && wanted != null && !byName.containsKey(wanted) ? "gone" : null);
        if (d == null) {
            if (wanted != null && !byName.containsKey(wanted)) {
                title.setText("Gone: " + wanted + " (removed, or hidden by the filter); selected again when it is back");
            } else {
                title.setText(rows.isEmpty() ? "No buffers" : "No buffer selected");
            }
            facts.values().forEach(l -> l.setText("-"));
            facts.values().forEach(l -> swapStyleClass(l, FACT_CLASSES, null));
            if (shownRing != null || lastHistory.length > 0 || !drawnOnce) {
                drawnOnce = true;
                shownRing = null;
                ring.draw(null, Health.HEALTHY);
                lastHistory = new double[0][];
                chart.draw(lastHistory);
            }
            setMetadata(new byte[0], 0);
            return;
        }
        BufferStatus s = d.row().status();
        RingLayout r = d.ring();
        Health health = d.row().health();
        title.setText(s.name() + "   ·   " + Format.bytes(d.row().totalBytes()) + " shared memory, ring "
                + Format.bytes(s.payloadSize()) + ", protocol " + s.versionMajor() + "." + s.versionMinor() + "."
                + s.versionPatch());
        set("health", Format.health(health) + " · " + Format.percent(s.utilisation()) + " used ("
                + Format.bytes(s.usedBytes()) + " of " + Format.bytes(s.payloadSize()) + ")"
                + (d.row().healthReason() == null ? "" : "\n" + d.row().healthReason()),
                "health-" + Format.health(health));
        set("written", Format.count(s.writtenCount()) + " frames", null);
        set("read", Format.count(s.readCount()) + " frames", null);
        set("inflight", Format.count(s.framesInFlight()) + " frames", null);
        set("sequence", "#" + Format.sequence(r.lastSequence()) + " written last · #"
                + Format.sequence(r.nextSequence()) + " next · gap " + Format.sequence(r.sequenceGap()), null);
        set("next", r.nextFrameBytes() < 0 ? "none in flight" : "#" + Format.sequence(r.nextSequence()) + " · "
                + Format.bytes(r.nextFrameBytes()), null);
        set("positions", Format.count(r.readPosition()) + " / " + Format.count(r.writePosition()), null);
        set("tail", r.tailStart() < 0 ? "none" : Format.bytes(r.tailBytes()) + " from " + Format.count(r.tailStart()), null);
        set("writer", Format.writer(s), "process-" + s.writerState().name().toLowerCase(java.util.Locale.ROOT));
        set("reader", Format.reader(s), "process-" + s.readerState().name().toLowerCase(java.util.Locale.ROOT));
        set("lock", d.row().lock(), d.row().lockProblem() ? "lock-problem" : null);
        set("bridge", d.row().bridges().isEmpty() ? "none (a local buffer)" : d.row().bridges().stream()
                .map(Format::bridgeDetail).collect(java.util.stream.Collectors.joining("\n")), null);
        set("metadata", s.metadataWrittenBytes() == 0 ? "none written · block " + Format.bytes(s.metadataSize())
                : Format.bytes(s.metadataLength()) + " of a " + Format.bytes(s.metadataSize()) + " block", null);
        set("rate", Format.rate(d.row().framesPerSecond()) + " frames/s · " + Format.rate(d.row().mibPerSecond())
                + " MiB/s · read " + Format.rate(d.row().readPerSecond()) + " frames/s", null);
        if (!r.equals(shownRing) || health != shownHealth) {
            shownRing = r;
            shownHealth = health;
            ring.draw(r, health);
        }
        lastHistory = d.history();
        chart.draw(lastHistory);
        setMetadata(d.metadata(), s.metadataLength());
    }

    private static final String[] FACT_CLASSES = {"process-dead", "process-alive", "process-absent", "health-healthy",
        "health-degraded", "health-critical", "health-stalled", "health-corrupt", "lock-problem"};

    private void set(String fact, String text, String styleClass) {
        Label l = facts.get(fact);
        l.setText(text);
        swapStyleClass(l, FACT_CLASSES, styleClass);
    }

    /**
     * Makes {@code wanted} the node's only class out of {@code family}, touching the style class
     * list only when that changes (every change costs a CSS pass over the node).
     */
    static void swapStyleClass(javafx.scene.Node node, String[] family, String wanted) {
        var classes = node.getStyleClass();
        boolean ok = wanted == null || classes.contains(wanted);
        for (String c : family) {
            if (!c.equals(wanted) && classes.contains(c)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return;
        }
        classes.removeAll(family);
        if (wanted != null) {
            classes.add(wanted);
        }
    }

    private void setMetadata(byte[] data, long total) {
        if (Arrays.equals(data, shownMetadata)) {
            return;
        }
        shownMetadata = data;
        if (data.length == 0) {
            metadata.setText("");
            return;
        }
        String more = total > data.length ? "\n(first " + data.length + " of " + total + " bytes)" : "";
        metadata.setText(Format.text(data) + "\n\n" + Format.hex(data, 256) + more);
    }

    /**
     * @param health a health state
     * @return its colour: green, amber, red
     */
    static Color healthColour(Health health) {
        return switch (health) {
            case HEALTHY -> Color.web("#1a7f37");
            case DEGRADED -> Color.web("#bf8700");
            case CRITICAL -> Color.web("#cf222e");
            case STALLED -> Color.web("#8250df");
            case CORRUPT -> Color.web("#24292f");
        };
    }

    /** @return the filter box */
    TextField filterBox() {
        return filterBox;
    }

    /** @return the buffer the view keeps selected (also while it is gone), or null */
    String wanted() {
        return wanted;
    }

    /** @return the process state's word as used in the style classes */
    static String word(ProcessState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
