/**
 * What the executable distribution needs around the ZeroBuffer bundles: a clean framework stop
 * on SIGINT/SIGTERM ({@link io.zerobuffer.distribution.SignalShutdownComponent}), and bridge
 * configurations from the command line ({@link io.zerobuffer.distribution.BridgeConfigurationsComponent}).
 */
package io.zerobuffer.distribution;
