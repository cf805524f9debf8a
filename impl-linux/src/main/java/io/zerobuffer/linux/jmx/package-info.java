/**
 * JMX metrics of every open reader and writer: one MBean each, registered on the platform MBean
 * server under {@code io.zerobuffer:type=Reader,name=BUFFER} or
 * {@code io.zerobuffer:type=Writer,name=BUFFER} while it is open. The engine updates plain long
 * counters on the paths it runs anyway (no allocation, no clock read per frame); the MBeans only
 * read them. Set the system property {@code zerobuffer.jmx=false} to register nothing. Internal
 * (not exported): JMX clients read the attributes by name.
 */
package io.zerobuffer.linux.jmx;
