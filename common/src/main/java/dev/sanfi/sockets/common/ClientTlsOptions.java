package dev.sanfi.sockets.common;

import dev.sanfi.sockets.common.tls.Trust;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code client}'s TLS options, for {@code wss://}: by default the server's certificate must chain
 * to the JDK's trust store and name the host of the URL; {@code --trust FILE.pem} adds certificates
 * to that trust (a local server's self-signed one); {@code --insecure} turns both checks off.
 *
 * <p>A picocli mixin: {@link EchoCommand}'s {@code client} and the chat's ({@code 05-chat-broadcast}'s
 * {@code ChatCommand}) both mix it in; each passes its own name for the warning line.
 */
public final class ClientTlsOptions {

    @Option(names = "--trust", paramLabel = "FILE.pem", description = "For wss://: trust the certificates in this PEM "
            + "file as well as the JDK's trust store, e.g. the one server --tls wrote; repeatable.")
    List<Path> trustFiles = new ArrayList<>();

    @Option(names = "--insecure", description = "For wss://: accept any certificate for any host name. Still "
            + "encrypted, but to whoever answers: for a test only.")
    boolean insecure;

    /**
     * The options the client connects with.
     *
     * @param name the program's name, which starts the warning line of {@code --insecure} (an echo
     *             module's name, or the chat's)
     * @throws CommandLine.ParameterException for options that contradict each other or a file that is not PEM (exit 2)
     */
    public ClientOptions options(CommandLine command, String name, PrintStream err) {
        if (insecure && !trustFiles.isEmpty()) {
            throw new CommandLine.ParameterException(command, "--insecure checks nothing, so --trust would not matter: use one");
        }
        if (insecure) {
            err.println(name + ": warning: --insecure: the server's certificate and host name are not checked;"
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
                String why = e instanceof java.nio.file.NoSuchFileException ? file + ": no such file" : e.getMessage();
                throw new CommandLine.ParameterException(command, "--trust: " + why.lines().findFirst().orElse(why));
            }
        }
        return ClientOptions.defaults().withTrust(Trust.jdkDefaultsAnd(certificates), true);
    }
}
