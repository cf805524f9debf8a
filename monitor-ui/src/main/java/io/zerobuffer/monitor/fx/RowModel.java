package io.zerobuffer.monitor.fx;

import io.zerobuffer.monitor.BufferRow;
import io.zerobuffer.monitor.Format;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One table line, updated in place on every poll so that selection and scrolling stay put. */
public final class RowModel {
    final String name;
    final ReadOnlyStringWrapper nameText;
    final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper();
    final ReadOnlyDoubleWrapper utilisation = new ReadOnlyDoubleWrapper();
    final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper inFlight = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper framesPerSecond = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper mibPerSecond = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper writer = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper reader = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper lock = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper bridge = new ReadOnlyStringWrapper();

    RowModel(String name) {
        this.name = name;
        this.nameText = new ReadOnlyStringWrapper(name);
    }

    /** @return the buffer name */
    public String name() {
        return name;
    }

    /** @return whether the row's health, liveness or lock state differs from what is shown */
    boolean changedState(BufferRow row) {
        var s = row.status();
        return !Format.health(row.health()).equals(health.get()) || !Format.writer(s).equals(writer.get())
                || !Format.reader(s).equals(reader.get());
    }

    void update(BufferRow row) {
        var s = row.status();
        size.set(Format.bytes(row.totalBytes()));
        utilisation.set(s.utilisation());
        health.set(Format.health(row.health()));
        inFlight.set(Format.count(s.framesInFlight()));
        framesPerSecond.set(Format.rate(row.framesPerSecond()));
        mibPerSecond.set(Format.rate(row.mibPerSecond()));
        writer.set(Format.writer(s));
        reader.set(Format.reader(s));
        lock.set(row.lockProblem() ? "! " + row.lock() : row.lock());
        bridge.set(row.bridgeText());
    }
}
