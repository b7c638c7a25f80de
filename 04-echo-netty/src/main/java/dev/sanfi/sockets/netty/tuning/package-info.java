/**
 * What makes the Netty server faster, found with a profiler on the pinned server under bench's load
 * (chapter 9, "Measured speed"): replacements for stock handlers that change how fast the server is,
 * never what it does on the wire. Each class says what the profile showed.
 */
package dev.sanfi.sockets.netty.tuning;
