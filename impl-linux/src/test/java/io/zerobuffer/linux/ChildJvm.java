package io.zerobuffer.linux;

import io.zerobuffer.testsupport.Peer;

/**
 * A child JVM on this JVM's classpath, for scenarios that could crash the JVM running them: the
 * crash becomes an exit status (134 for SIGABRT after a fatal error, 139 for SIGSEGV) that the
 * test asserts on. No hs_err file and no core dump; stdout and stderr in one stream.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param main the class whose main method runs
     * @param args its arguments
     * @return the started child
     */
    static Peer start(Class<?> main, String... args) {
        return Peer.java(main).jvmOptions("-Xmx128m", "-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash")
                .args(args).mergeStderr().start();
    }
}
