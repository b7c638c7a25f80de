package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.spring.guard.GuardConfiguration;
import dev.sanfi.sockets.spring.tls.TlsConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application, as a learner would write it, but without component scanning: what
 * it consists of is named here. Auto-configuration brings the embedded Tomcat, Spring MVC's
 * {@code DispatcherServlet} and the WebSocket support; the imports add the echo at {@code /echo},
 * the STOMP endpoint at {@code /stomp}, the page at {@code /}, the gap-closing layer, and TLS when
 * the settings ask for it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({EchoConfiguration.class, StompConfiguration.class, ChatRelay.class, PageController.class,
        GuardConfiguration.class, TlsConfiguration.class})
public class SpringEchoApplication {
}
