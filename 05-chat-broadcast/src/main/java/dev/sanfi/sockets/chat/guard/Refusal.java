package dev.sanfi.sockets.chat.guard;

/**
 * Why the connection is failed, and where: the Close code and reason the server sends (RFC 6455
 * §7.4.1), and the offset in the peer's frame stream (0 = the first byte after the request head) of
 * the first frame that is not to be processed.
 */
public record Refusal(int code, String reason, long frameOffset) {
}
