package io.zerobuffer.itests;

/** The engine's OSGi contract in Apache Felix (the build puts only Felix on this run's classpath). */
class FelixIT extends AbstractEngineIT {
    @Override
    String expectedSystemBundle() {
        return "org.apache.felix.framework";
    }

    @Override
    String label() {
        return "felix";
    }
}
