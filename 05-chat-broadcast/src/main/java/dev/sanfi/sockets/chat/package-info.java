/**
 * A broadcast chat on Java-WebSocket: one server, many members, every event delivered to everyone
 * in one order — and what happens when one member cannot keep up.
 *
 * <ul>
 *   <li>The core, without I/O: {@link dev.sanfi.sockets.chat.ChatRoom} (members, the one {@code seq},
 *       history, rate limits), {@link dev.sanfi.sockets.chat.MemberName},
 *       {@link dev.sanfi.sockets.chat.ChatEvent} and {@link dev.sanfi.sockets.chat.ChatCodec} (the JSON).</li>
 *   <li>The adapter: {@code ChatEndpoint}, a Java-WebSocket {@code WebSocketServer} that sends what the
 *       room decides, frames each event once, and drops a member whose unsent data passes a bound
 *       ({@link dev.sanfi.sockets.chat.ChatLimits#MAX_UNSENT_BYTES}) instead of buffering for it forever.</li>
 *   <li>{@link dev.sanfi.sockets.chat.guard}: what closes Java-WebSocket's gaps (request head limit
 *       and deadline, message limits that bite at once, idle timeout, Close before TCP close), kept
 *       apart from the chat's own logic.</li>
 *   <li>{@code PageServer}: the browser page on the JDK's {@code com.sun.net.httpserver}, since
 *       Java-WebSocket speaks only WebSocket; {@link dev.sanfi.sockets.chat.ChatServer} starts both.</li>
 *   <li>{@link dev.sanfi.sockets.chat.ChatClient}: the console client on Java-WebSocket's
 *       {@code WebSocketClient}; {@link dev.sanfi.sockets.chat.ChatCommand}: the command line.</li>
 * </ul>
 *
 * <p>Try it: {@code mvn -pl 05-chat-broadcast exec:java}, then open http://localhost:8085/ in two
 * browser windows, or {@code mvn -pl 05-chat-broadcast exec:java -Dexec.args="client --name alice"}.
 * The protocol and the reasoning are in {@code docs/08-broadcast.md}.
 */
package dev.sanfi.sockets.chat;
