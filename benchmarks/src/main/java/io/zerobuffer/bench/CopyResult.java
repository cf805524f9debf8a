package io.zerobuffer.bench;

/** Single-thread copy bandwidth for one block size and cache state (the limit one-way throughput is compared with). */
final class CopyResult {
    final int block;
    final String mode;
    final Stat gbPerSecond = new Stat();

    CopyResult(int block, String mode) {
        this.block = block;
        this.mode = mode;
    }
}
