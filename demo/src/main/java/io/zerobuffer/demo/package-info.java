/**
 * A demo bundle: streams synthetic 1080p YUV420 video at 30 fps through a ZeroBuffer, writer to
 * reader, using only the api and the {@code ZeroBufferFactory} service. Internal; exports nothing.
 */
package io.zerobuffer.demo;
