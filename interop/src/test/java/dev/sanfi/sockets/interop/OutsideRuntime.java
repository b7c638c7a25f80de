package dev.sanfi.sockets.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A language outside the JVM that the matrix runs, with the WebSocket library its scripts need:
 * Node.js with node-echo's {@code ws}, and Debian's Python 3 with {@code websockets}. A test that
 * needs one is skipped, with a line saying how to install it, where it is missing; in CI (the CI
 * variable is set) it fails instead, because .ci/run installs both.
 */
enum OutsideRuntime {
    /** {@code ws} is node-echo's own (its package-lock.json); the client script finds it through NODE_PATH. */
    NODE("Node.js", List.of("node"), List.of("-e", "require('ws')"),
            "install Node.js and node-echo's ws: apt-get install -y nodejs npm && npm ci --prefix node-echo"),
    /** Debian's python3 by its path: the distribution's python3-websockets is installed for it alone. */
    PYTHON("Python 3", List.of("/usr/bin/python3"), List.of("-c", "import websockets"),
            "install Python's websockets: apt-get install -y python3-websockets");

    /** How long the check that the runtime and its library are there may take. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(OutsideRuntime.class);

    /** The repository's root: interop's tests run in interop/. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    static final Path NODE_ECHO = ROOT.resolve("node-echo");

    private final String name;
    private final List<String> executable;
    private final List<String> check;
    private final String install;
    private Boolean installed;

    OutsideRuntime(String name, List<String> executable, List<String> check, String install) {
        this.name = name;
        this.executable = executable;
        this.check = check;
        this.install = install;
    }

    /** What to run: the runtime with these arguments, its library found, its output merged into stdout. */
    ProcessBuilder process(String... arguments) {
        List<String> command = new ArrayList<>(executable);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        if (this == NODE) {
            environment.put("NODE_PATH", NODE_ECHO.resolve("node_modules").toString());
        }
        return builder;
    }

    /**
     * Makes a client script trust one more certificate, in the runtime's own way: Node reads the
     * variable NODE_EXTRA_CA_CERTS once at start and adds the file's certificates to its built-in
     * authorities; the Python script takes the file as its second argument, for the {@code cafile}
     * of its {@code ssl} context. Null leaves the process as it is.
     */
    ProcessBuilder trusting(Path pem, ProcessBuilder process) {
        if (pem != null) {
            if (this == NODE) {
                process.environment().put("NODE_EXTRA_CA_CERTS", pem.toString());
            } else {
                process.command().add(pem.toString());
            }
        }
        return process;
    }

    /** Skips the calling test, saying what to install, where the runtime or its library is missing; fails in CI. */
    void assumeInstalled() {
        boolean found = installed();
        if (System.getenv("CI") != null && !found) {
            Assertions.fail("CI is set but " + this + " or its WebSocket library is missing; " + install);
        }
        Assumptions.assumeTrue(found, install);
    }

    private synchronized boolean installed() {
        if (installed == null) {
            installed = check();
            if (!installed) {
                LOG.warn("{} or its WebSocket library is missing: its interop cells are skipped; {}", this, install);
            }
        }
        return installed;
    }

    private boolean check() {
        Process process;
        try {
            process = process(check.toArray(String[]::new)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notThere) {
            return false;
        }
        try {
            if (!process.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("checking {} took over {} s", this, CHECK_TIMEOUT.toSeconds());
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
