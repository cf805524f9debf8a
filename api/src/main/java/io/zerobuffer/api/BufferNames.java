package io.zerobuffer.api;

import java.nio.charset.StandardCharsets;

/**
 * The rule for buffer names. A name becomes the file names {@code /dev/shm/NAME},
 * {@code /dev/shm/sem.sem-w-NAME}, {@code /dev/shm/sem.sem-r-NAME} and
 * {@code /tmp/zerobuffer/NAME.lock}, so it must be a valid single path component whose longest
 * derived form ({@code sem.sem-w-NAME}) fits the Linux file-name limit of 255 bytes.
 */
public final class BufferNames {
    /** The longest name in UTF-8 bytes: 255 minus the length of the {@code sem.sem-w-} prefix. */
    public static final int MAX_LENGTH_BYTES = 255 - "sem.sem-w-".length();

    private BufferNames() {
    }

    /**
     * Checks a buffer name.
     *
     * @param name the proposed name
     * @return the same name, for chaining
     * @throws IllegalArgumentException if the name is null, empty, {@code "."} or {@code ".."},
     *                                  contains {@code '/'} or a NUL character, or is longer
     *                                  than {@link #MAX_LENGTH_BYTES} bytes in UTF-8
     */
    public static String validate(String name) {
        if (name == null) {
            throw new IllegalArgumentException("buffer name is null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("buffer name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("buffer name '" + name + "' is not a valid file name");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("buffer name '" + name + "' contains '/'");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("buffer name '" + name.replace('\0', '?') + "' contains a NUL character");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LENGTH_BYTES) {
            throw new IllegalArgumentException("buffer name of " + bytes + " bytes is longer than the "
                    + MAX_LENGTH_BYTES + " bytes the OS allows: '" + name.substring(0, 32) + "...'");
        }
        return name;
    }
}
