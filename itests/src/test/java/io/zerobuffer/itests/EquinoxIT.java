package io.zerobuffer.itests;

/** The engine's OSGi contract in Eclipse Equinox (the build puts only Equinox on this run's classpath). */
class EquinoxIT extends AbstractEngineIT {
    @Override
    String expectedSystemBundle() {
        return "org.eclipse.osgi";
    }

    @Override
    String label() {
        return "equinox";
    }
}
