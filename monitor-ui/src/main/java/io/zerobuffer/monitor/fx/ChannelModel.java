package io.zerobuffer.monitor.fx;

import io.zerobuffer.monitor.ChannelRow;
import io.zerobuffer.monitor.Format;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One line of the channel table, updated in place. */
final class ChannelModel {
    final ReadOnlyStringWrapper name;
    final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper requestUsed = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper responseUsed = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper roundTrips = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper client = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper();

    ChannelModel(String name) {
        this.name = new ReadOnlyStringWrapper(name);
    }

    void update(ChannelRow c) {
        health.set(Format.health(c.health()));
        requestUsed.set(Format.percent(c.request().status().utilisation()));
        responseUsed.set(Format.percent(c.response().status().utilisation()));
        roundTrips.set(Format.rate(c.roundTripsPerSecond()));
        client.set(c.client());
        server.set(c.server());
    }
}
