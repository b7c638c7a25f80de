package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.guard.CloseHandshake;
import dev.sanfi.sockets.spring.guard.Keepalive;
import dev.sanfi.sockets.spring.guard.OpenSessions;
import dev.sanfi.sockets.spring.guard.WholeMessages;
import dev.sanfi.sockets.spring.tuning.FairReads;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The echo at {@code /echo}: {@link EchoHandler} registered the way Spring's reference documentation
 * does it, with Spring's own origin check fed from the settings, the guard's decorators around it,
 * and Tomcat's buffers per session on the container (Tomcat's Jakarta WebSocket {@code ServerContainer}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class EchoConfiguration implements WebSocketConfigurer {

    private final ServerSettings settings;
    private final OpenSessions openSessions;
    private final Keepalive keepalive;

    public EchoConfiguration(ServerSettings settings, OpenSessions openSessions, Keepalive keepalive) {
        this.settings = settings;
        this.openSessions = openSessions;
        this.keepalive = keepalive;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The guard sees every session from outside the handler: Spring's decorators, Spring's
        // handshake interceptors; EchoHandler knows nothing of them.
        WebSocketHandler echo = openSessions.tracking(keepalive.watching(CloseHandshake.patient(
                WholeMessages.joining(FairReads.yielding(new EchoHandler()), settings.maxMessageBytes()))));
        registry.addHandler(echo, EchoProtocol.ECHO_PATH)
                .addInterceptors(openSessions.admission())
                .setAllowedOrigins(allowedOrigins(settings.originPolicy()));
    }

    /**
     * The container's buffers. Tomcat gives every session one of this many bytes and one of this many
     * chars, from the moment it opens; a whole-message handler gets nothing larger (1009). The echo's
     * limit is the guard's {@code WholeMessages}, which joins parts of this size, so that an idle
     * session holds 8 KiB and not the whole limit. No idle timeout here: {@code Keepalive} does it.
     */
    @Bean
    public ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxBinaryMessageBufferSize(WholeMessages.PART_SIZE);
        container.setMaxTextMessageBufferSize(WholeMessages.PART_SIZE);
        return container;
    }

    /**
     * The origin policy in Spring's words: Spring already allows the server's own origin (same
     * scheme, host and port as the request) and no Origin at all; what it needs is the list of
     * others, or {@code *}. Spring compares origins as strings (ignoring case), so an origin on its
     * scheme's default port is listed both with the port, as OriginPolicy spells it, and without,
     * as browsers send it.
     */
    static String[] allowedOrigins(OriginPolicy policy) {
        if (policy.allowsAnyOrigin()) {
            return new String[] {"*"};
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : policy.allowedOrigins()) {
            origins.add(origin);
            if (origin.endsWith(":80") && origin.startsWith("http://")
                    || origin.endsWith(":443") && origin.startsWith("https://")) {
                origins.add(origin.substring(0, origin.lastIndexOf(':')));
            }
        }
        return origins.toArray(String[]::new);
    }
}
