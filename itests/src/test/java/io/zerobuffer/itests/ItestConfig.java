package io.zerobuffer.itests;

/** The system properties the build passes to the integration tests (itests/pom.xml). */
final class ItestConfig {
    private ItestConfig() {
    }

    /**
     * @param property its name, e.g. {@code itest.bundles}
     * @return its value
     * @throws IllegalStateException if it is not set (the tests were not started through Maven)
     */
    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven: "
                    + "mvn -pl itests -am verify): " + value);
        }
        return value;
    }
}
