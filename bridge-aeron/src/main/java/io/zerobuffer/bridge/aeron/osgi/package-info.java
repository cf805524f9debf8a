/** The DS component that runs a bridge end per {@code zerobuffer.bridge} configuration. */
package io.zerobuffer.bridge.aeron.osgi;
