package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.guard.CloseHandshake;
import dev.sanfi.sockets.spring.guard.OpenSessions;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * What Spring adds on top of WebSocket: STOMP, a text protocol of frames with headers, and a message
 * broker in memory. A client connects to {@code /stomp}, SUBSCRIBEs to a destination such as
 * {@code /topic/room} and SENDs to it; Spring's simple broker delivers every message sent there to
 * every subscriber as a MESSAGE frame. Destinations under {@code /app} go to {@link ChatRelay} first.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class StompConfiguration implements WebSocketMessageBrokerConfigurer {

    /** Where STOMP clients connect. */
    public static final String STOMP_PATH = "/stomp";
    /** The destinations Spring's simple broker keeps: subscribe to them, send to them. */
    public static final String TOPICS = "/topic";
    /** The destinations that go to {@code @MessageMapping} methods first. */
    public static final String APPLICATION = "/app";

    private final ServerSettings settings;
    private final OpenSessions openSessions;

    public StompConfiguration(ServerSettings settings, OpenSessions openSessions) {
        this.settings = settings;
        this.openSessions = openSessions;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Each client's frames are handled in the order they came (Spring hands them to a thread
        // pool, which would otherwise let a SEND overtake the SUBSCRIBE before it).
        registry.setPreserveReceiveOrder(true);
        registry.addEndpoint(STOMP_PATH)
                .addInterceptors(openSessions.admission())
                .setAllowedOrigins(EchoConfiguration.allowedOrigins(settings.originPolicy()));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker(TOPICS);
        // And each client gets its MESSAGE frames in the order the broker sent them.
        registry.setPreservePublishOrder(true);
        registry.setApplicationDestinationPrefixes(APPLICATION);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // Spring's own limit for one STOMP frame (64 KiB by default); the container's limit is the echo's.
        registration.setMessageSizeLimit(settings.maxMessageBytes());
        registration.addDecoratorFactory(openSessions::tracking);
        registration.addDecoratorFactory(CloseHandshake::patient);
    }
}
