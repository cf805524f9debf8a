/**
 * What the executable distribution needs around the ZeroBuffer bundles: a clean framework stop
 * on SIGINT/SIGTERM ({@link io.zerobuffer.distribution.SignalShutdownComponent}).
 */
package io.zerobuffer.distribution;
