package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.tls.Trust;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The chat client's TLS options, the same as every echo module's: for {@code wss://} the server's
 * certificate must chain to the JDK's trust store and name the host of the URL; {@code --trust
 * FILE.pem} adds certificates to that trust; {@code --insecure} turns both checks off, with a warning.
 */
final class ClientTls {

    @Option(names = "--trust", paramLabel = "FILE.pem", description = "For wss://: trust the certificates in this PEM "
            + "file as well as the JDK's trust store, e.g. the one server --tls wrote; repeatable.")
    List<Path> trustFiles = new ArrayList<>();

    @Option(names = "--insecure", description = "For wss://: accept any certificate for any host name. Still "
            + "encrypted, but to whoever answers: for a test only.")
    boolean insecure;

    /** The options the client connects with; {@code --insecure}'s warning goes to {@code err}. */
    ClientOptions options(CommandLine command, PrintStream err) {
        if (insecure && !trustFiles.isEmpty()) {
            throw new CommandLine.ParameterException(command, "--insecure checks nothing, so --trust would not matter: use one");
        }
        if (insecure) {
            err.println(ChatCommand.NAME + ": warning: --insecure: the server's certificate and host name are not checked;"
                    + " anyone on the path can read and change the messages");
            return ClientOptions.defaults().withTrust(Trust.anyCertificate(), false);
        }
        if (trustFiles.isEmpty()) {
            return ClientOptions.defaults();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : trustFiles) {
            try {
                certificates.addAll(Trust.readPem(file));
            } catch (IOException e) {
                String why = e instanceof NoSuchFileException ? file + ": no such file" : e.getMessage();
                throw new CommandLine.ParameterException(command, "--trust: " + why.lines().findFirst().orElse(why));
            }
        }
        return ClientOptions.defaults().withTrust(Trust.jdkDefaultsAnd(certificates), true);
    }
}
