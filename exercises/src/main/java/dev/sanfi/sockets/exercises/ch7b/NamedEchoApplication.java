package dev.sanfi.sockets.exercises.ch7b;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Chapter 7b, exercise 3: plain Spring Boot with {@link NamedEcho} at {@code /named}, behind {@link NameCheck}. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
public class NamedEchoApplication implements WebSocketConfigurer {

    public static final String NAMED_PATH = "/named";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new NamedEcho(), NAMED_PATH)
                .addInterceptors(new NameCheck()); // Spring's origin check comes after it
    }
}
