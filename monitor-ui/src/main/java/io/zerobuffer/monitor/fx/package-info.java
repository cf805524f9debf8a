/** The JavaFX window: views bound to the monitor model's snapshots. */
package io.zerobuffer.monitor.fx;
