/**
 * The side-by-side benchmark of chapter 9. {@link dev.sanfi.sockets.bench.Main} runs a load: {@code echo}
 * (N connections, K messages in flight each, echoes a second, latency percentiles, per-connection
 * fairness) or {@code chat} (M members of the chat, S senders, deliveries a second). The load
 * generator is one thread on a {@link java.nio.channels.Selector} with its own few lines of frame
 * code ({@link dev.sanfi.sockets.bench.Wire}), so every server, Node's {@code ws} included, meets the
 * same client. {@code bare-netty-server} is the yardstick for 04-echo-netty. {@code bench/run}
 * starts each server in turn and prints the table.
 */
package dev.sanfi.sockets.bench;
