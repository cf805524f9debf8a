/** Declarative Services wiring of the monitor window; nothing else. */
package io.zerobuffer.monitor.osgi;
