/**
 * The gap-closing layer: the rules of RFC 6455 and of the course's contract
 * ({@code docs/contract.md}) that Netty's stock handlers do not enforce, one handler per rule, each
 * named after its rule. {@code EchoChannelInitializer} puts them around Netty's protocol handler;
 * the echo itself does not know they exist.
 */
package dev.sanfi.sockets.netty.guard;
