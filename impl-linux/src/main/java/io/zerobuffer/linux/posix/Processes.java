package io.zerobuffer.linux.posix;

import io.zerobuffer.api.ProcessState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process liveness as the protocol defines it: a pid is alive while its process exists. A zombie
 * (killed, not yet reaped by its parent) counts as dead. Thread-safe.
 */
public final class Processes {
    private static final int SELF = LibC.getpid();

    private Processes() {
    }

    /** @return this process's pid */
    public static int currentPid() {
        return SELF;
    }

    /**
     * @param pid a pid from a buffer header
     * @return whether a live (non-zombie) process has that pid
     */
    public static boolean isAlive(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        if (pid == SELF) {
            return true;
        }
        if (LibC.kill((int) pid, 0) != 0 && LibC.errno() != LibC.EPERM) {
            return false;
        }
        return !isZombie(pid);
    }

    /**
     * @param pid a pid field, 0 when nobody is attached
     * @return absent for 0, else alive or dead
     */
    public static ProcessState stateOf(long pid) {
        if (pid == 0) {
            return ProcessState.ABSENT;
        }
        return isAlive(pid) ? ProcessState.ALIVE : ProcessState.DEAD;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/stat")), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (java.nio.file.NoSuchFileException gone) {
            return true;
        } catch (IOException unreadable) {
            return false;
        }
    }
}
