/**
 * Who may chat, with {@code server --secret-file FILE}: each member proves its name with a token
 * signed by the server's secret, sent as the connection's first message (chapter 10b).
 *
 * <p>The first message, not a header: a browser's {@code WebSocket} API cannot add an
 * {@code Authorization} header to the upgrade request, only a list of subprotocols. Not the query
 * string: URLs end up in logs. Not a cookie: it would need the Origin check against cross-site
 * WebSocket hijacking as well as a login page to set it. The cost of the first message is a state
 * before authentication, which {@link dev.sanfi.sockets.chat.auth.AuthGate} bounds with a deadline.
 *
 * <p>The rules are pure and tested without sockets or clocks: {@link dev.sanfi.sockets.chat.auth.AccessTokens}
 * (make and check a token, with an injected {@link java.time.Clock}) and
 * {@link dev.sanfi.sockets.chat.auth.FirstMessage} (what a first message decides).
 */
package dev.sanfi.sockets.chat.auth;
