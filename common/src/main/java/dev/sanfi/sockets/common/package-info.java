/**
 * What every echo module shares, so that a module holds only what is specific to its stack.
 *
 * <ul>
 *   <li>{@link dev.sanfi.sockets.common.Limits} and {@link dev.sanfi.sockets.common.EchoProtocol}: the
 *       named limits, timers and paths of the echo protocol;</li>
 *   <li>{@link dev.sanfi.sockets.common.ServerSettings} and {@link dev.sanfi.sockets.common.OriginPolicy}:
 *       how a server is configured and which browser pages may connect;</li>
 *   <li>{@link dev.sanfi.sockets.common.EchoServer} and {@link dev.sanfi.sockets.common.EchoClientSession}:
 *       the two interfaces each module implements;</li>
 *   <li>{@link dev.sanfi.sockets.common.EchoCommand} and {@link dev.sanfi.sockets.common.ConsoleClient}:
 *       the command line and the console client built on those interfaces;</li>
 *   <li>{@link dev.sanfi.sockets.common.EchoPage}: the browser page every server serves at {@code /}.</li>
 * </ul>
 */
package dev.sanfi.sockets.common;
