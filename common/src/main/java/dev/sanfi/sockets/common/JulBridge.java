package dev.sanfi.sockets.common;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging (used by Tyrus and Grizzly, among others) to SLF4J, so that every module
 * logs through the one binding and one configuration ({@code simplelogger.properties}).
 */
public final class JulBridge {

    private JulBridge() {
    }

    /** Installs the bridge once; later calls do nothing. */
    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
