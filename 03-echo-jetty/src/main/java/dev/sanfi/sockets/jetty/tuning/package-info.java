/**
 * What makes Jetty fast on one core, found with a profiler on the pinned server under bench's load
 * (chapter 9, "Measured speed"): settings and small additions that change how fast the server is,
 * never what it does on the wire. Each class says what the profile showed.
 */
package dev.sanfi.sockets.jetty.tuning;
