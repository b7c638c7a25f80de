package dev.sanfi.sockets.spring.tls;

import dev.sanfi.sockets.common.ServerSettings;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code ServerSettings.tls()}, Tomcat's connector speaks TLS ({@link TlsConnector}); without, plain TCP. */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsConnector(ServerSettings settings) {
        return factory -> {
            if (settings.secure()) {
                factory.addConnectorCustomizers(new TlsConnector(settings.tls()));
            }
        };
    }
}
