package dev.sanfi.sockets.common;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging (used by Tyrus and Grizzly, among others) to SLF4J, so that every module
 * logs through the one binding and one configuration ({@code simplelogger.properties}).
 */
public final class JulBridge {

    private JulBridge() {
    }

    /**
     * Installs the bridge once; later calls do nothing. SLF4J itself starts here too, on the thread
     * that starts the server: when it starts on several threads at once (a server's first threads
     * each creating a logger), the loggers handed out meanwhile are substitutes, and SLF4J prints a
     * note that it replays their calls.
     */
    public static synchronized void install() {
        LoggerFactory.getILoggerFactory();
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
