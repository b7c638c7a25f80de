package dev.sanfi.sockets.exercises.ch7b;

import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A Spring Boot application of the tests, on 127.0.0.1 and a free port, as PlainStackContract starts one. */
final class BootOnFreePort implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final InetSocketAddress address;

    private BootOnFreePort(ConfigurableApplicationContext context, InetSocketAddress address) {
        this.context = context;
        this.address = address;
    }

    static BootOnFreePort start(Class<?> application) {
        // As SpringEchoServer does: Boot's logging system would take java.util.logging over from SLF4J.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
        SpringApplication spring = new SpringApplication(application);
        spring.setBannerMode(Banner.Mode.OFF);
        spring.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context = spring.run("--server.address=127.0.0.1", "--server.port=0");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new BootOnFreePort(context, new InetSocketAddress("127.0.0.1", port));
    }

    InetSocketAddress address() {
        return address;
    }

    URI echoUri() {
        return URI.create("ws://127.0.0.1:" + address.getPort() + "/echo");
    }

    @Override
    public void close() {
        context.close();
    }
}
