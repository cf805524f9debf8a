/**
 * The distribution's launcher: {@code java -jar zerobuffer.jar} starts an OSGi framework found
 * through the standard launching API and runs the bundles packaged in the jar.
 */
package io.zerobuffer.launch;
