package dev.sanfi.sockets.exercises.ch7b;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Chapter 7b, exercise 2: plain Spring Boot with {@link DialectEcho} at {@code /echo}. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
public class DialectEchoApplication implements WebSocketConfigurer {

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Nothing to set on the registration: the handshake asks the handler for its subprotocols.
        registry.addHandler(new DialectEcho(), "/echo");
    }
}
