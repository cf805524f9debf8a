/**
 * What the modules' tests share: {@link io.zerobuffer.testsupport.Await} instead of sleeps,
 * {@link io.zerobuffer.testsupport.BufferNames unique buffer names}, the
 * {@link io.zerobuffer.testsupport.Leftovers leftovers assertion}, the
 * {@link io.zerobuffer.testsupport.Peer peer-process launcher} with its READY handshake, and the
 * {@link io.zerobuffer.testsupport.FailureDump dump on failure}. Depends on JUnit 5 only; used with test scope.
 */
package io.zerobuffer.testsupport;
