/**
 * TLS for {@code wss://} and {@code https://}: the certificate a server uses and the trust a client
 * judges it by. The TLS itself is the JDK's ({@code javax.net.ssl}); every stack takes the
 * {@link javax.net.ssl.SSLContext} made here.
 */
package dev.sanfi.sockets.common.tls;
