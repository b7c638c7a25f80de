package dev.sanfi.sockets.testkit;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The servers of a test class, for every testkit class that a module's test extends and that says
 * only how to start the module's server ({@link EchoServerContract}, {@link TlsEchoServerContract},
 * {@link DeflateEchoServerContract}, {@link ClientTlsChecks}): one server with
 * {@link #defaultSettings()}, on {@code 127.0.0.1} and port 0, started before the first test of the
 * class and closed after the last; and what a test opens for itself (a server with special settings,
 * its clients), closed after that test, the last opened first, so that clients go before servers and
 * a server's close() has no session left to wait for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerFixture {

    private EchoServer sharedServer;
    /**
     * What the running test opened, to close after it. One list per test: the plain-stack report
     * ({@link PlainStackReport}) runs the cases of a class side by side, each on its own thread, and
     * threads a test starts inherit its list.
     */
    private final InheritableThreadLocal<List<AutoCloseable>> openedByTest = new InheritableThreadLocal<>();

    /** Starts this module's server with the given settings (always on port 0); it listens on return. */
    protected abstract EchoServer start(ServerSettings settings) throws Exception;

    /** The settings of the shared server: the defaults, on 127.0.0.1 and a free port. */
    protected ServerSettings defaultSettings() {
        return ServerSettings.defaults(0).withHost("127.0.0.1");
    }

    @BeforeAll
    void startSharedServer() throws Exception {
        sharedServer = start(defaultSettings());
    }

    @AfterAll
    void closeSharedServer() {
        if (sharedServer != null) {
            sharedServer.close();
        }
    }

    @BeforeEach
    void startTrackingWhatTheTestOpens() {
        openedByTest.set(Collections.synchronizedList(new ArrayList<>()));
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        List<AutoCloseable> opened = openedByTest.get();
        openedByTest.remove();
        List<AutoCloseable> toClose;
        synchronized (opened) {
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        Collections.reverse(toClose);
        Exception failure = null;
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The server shared by the tests of this class (default settings). */
    protected EchoServer server() {
        return sharedServer;
    }

    /** Starts a server of its own for one test; it is closed after the test. */
    protected EchoServer startOwn(ServerSettings settings) throws Exception {
        return closedAfterTest(start(settings));
    }

    /** Closes {@code opened} after the running test (before what the test opened earlier), and returns it. */
    protected <T extends AutoCloseable> T closedAfterTest(T opened) {
        openedByTest.get().add(opened);
        return opened;
    }
}
