package dev.sanfi.sockets.spring.guard;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.StompConfiguration;
import java.util.Set;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The gap-closing layer as Spring beans: Tomcat's connector with a handshake deadline, two servlet
 * filters in front of the {@code DispatcherServlet}, and the session watchers the endpoints'
 * registrations put around their handlers.
 */
@Configuration(proxyBeanMethods = false)
public class GuardConfiguration {

    @Bean
    public OpenSessions openSessions() {
        return new OpenSessions();
    }

    @Bean
    public Keepalive keepalive(ServerSettings settings) {
        return new Keepalive(settings.pingInterval(), settings.idleTimeout());
    }

    /** Tomcat's NIO protocol, every accepted connection with the settings' handshake deadline. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> handshakeDeadline(ServerSettings settings) {
        return factory -> {
            factory.setProtocol(DeadlineNioProtocol.class.getName());
            factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<DeadlineNioProtocol>) protocol ->
                    protocol.setHandshakeTimeout(settings.handshakeTimeout()));
        };
    }

    @Bean
    public FilterRegistrationBean<RequestCheck> requestCheck() {
        FilterRegistrationBean<RequestCheck> registration = new FilterRegistrationBean<>(new RequestCheck(Set.of(StompConfiguration.STOMP_PATH)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<DeflateNegotiation> deflateNegotiation(ServerSettings settings) {
        FilterRegistrationBean<DeflateNegotiation> registration =
                new FilterRegistrationBean<>(new DeflateNegotiation(settings.deflate()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
