package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The contract against plain Spring Boot: its auto-configuration (Tomcat, Spring MVC) and
 * {@link EchoHandler} at {@code /echo}, as a beginner following Spring's guide would write it;
 * nothing from {@code guard}, no limits, no page. Not a test by itself (its name does not end in
 * Test): {@code PlainStackTableTest} runs it and compares what fails with the table in chapter 7b,
 * its cases side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
public class PlainStackContract extends EchoServerContract {

    /** What a Spring guide's application class holds: auto-configuration and one handler. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableWebSocket
    static class PlainEchoApplication implements WebSocketConfigurer {
        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new EchoHandler(), EchoProtocol.ECHO_PATH);
        }
    }

    @Override
    protected EchoServer start(ServerSettings settings) {
        SpringApplication application = new SpringApplication(PlainEchoApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context = application.run(
                "--server.address=" + settings.host(), "--server.port=" + settings.port());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        InetSocketAddress address = new InetSocketAddress(settings.host(), port);
        return new EchoServer() {
            @Override
            public InetSocketAddress localAddress() {
                return address;
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }
}
