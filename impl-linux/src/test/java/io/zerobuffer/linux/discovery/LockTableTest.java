package io.zerobuffer.linux.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LockTableTest {
    @Test
    void flockHoldersAreFoundByDeviceAndInodeAndWaitersAndPosixLocksAreNot() {
        LockTable table = LockTable.parse(String.join("\n",
                "1: POSIX  ADVISORY  WRITE 111 08:01:555 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 4242 00:1c:1046541 0 EOF",
                "2: -> FLOCK  ADVISORY  WRITE 4243 00:1c:1046541 0 EOF",
                "3: OFDLCK ADVISORY  READ  -1 00:1c:77 0 EOF",
                "garbage line"));
        long dev1c = 0x1c; // major 0, minor 0x1c
        assertEquals(4242, table.holder(dev1c, 1046541));
        assertEquals(0, table.holder(dev1c, 1046542));
        assertEquals(0, table.holder((8L << 8) | 1, 555), "fcntl locks are not what the readers take");
        assertEquals(0, table.holder(dev1c, 77));
    }
}
