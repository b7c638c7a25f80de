package dev.sanfi.sockets.common;

import dev.sanfi.sockets.common.tls.KeyStoreFile;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code server}'s TLS options ({@code https://} and {@code wss://}): {@code --tls} alone makes a
 * self-signed certificate for this machine and writes its PEM to a new temporary directory, so that
 * a client can be told to trust it; {@code --keystore FILE} serves a real certificate from a PKCS#12
 * file. The keystore's password never comes from the command line, which other users of the machine
 * can read (in {@code ps}, in the shell's history): it comes from a file or the environment.
 *
 * <p>A picocli mixin: {@link EchoCommand}'s {@code server} and the chat's ({@code 05-chat-broadcast}'s
 * {@code ChatCommand}) both mix it in, so that every server reads the same options the same way. With
 * the chat, one certificate serves both its ports, the page's {@code https://} and the chat's
 * {@code wss://}.
 */
public final class ServerTlsOptions {

    /** The environment variable that holds the {@code --keystore} password when no password file is given. */
    public static final String PASSWORD_VARIABLE = "SANFI_KEYSTORE_PASSWORD";

    /** The name of the self-signed certificate's PEM, in a temporary directory of its own. */
    static final String PEM_FILE_NAME = "sanfi-localhost.pem";

    /** A password file longer than this is not a password file. */
    private static final long MAX_PASSWORD_FILE_BYTES = 4096;

    @Option(names = "--tls", description = "Serve https:// and wss://. Without --keystore: a self-signed certificate "
            + "for localhost, 127.0.0.1 and ::1, made at start; its PEM is written to a temporary file, printed.")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The server's key and certificate, a PKCS#12 file "
            + "(implies --tls). Its password: --keystore-password-file, or the environment variable "
            + PASSWORD_VARIABLE + ".")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "A file whose first line is the --keystore password.")
    Path passwordFile;

    /** What the server presents, and the lines that tell the user about it. */
    public record Chosen(SSLContext context, List<String> lines) {
    }

    /**
     * The certificate the options ask for, or null for a plain server.
     *
     * @throws CommandLine.ParameterException for options that do not fit together or name no file (exit 2)
     * @throws IOException                    for a keystore that cannot be used, or a PEM that cannot be written (exit 1)
     */
    public Chosen choose(CommandLine command, Map<String, String> environment) throws IOException {
        if (passwordFile != null && keystore == null) {
            throw new CommandLine.ParameterException(command, "--keystore-password-file needs --keystore");
        }
        if (keystore != null) {
            return fromKeyStore(command, environment);
        }
        return tls ? selfSigned() : null;
    }

    private Chosen fromKeyStore(CommandLine command, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(keystore)) {
            throw new CommandLine.ParameterException(command, "--keystore " + keystore + ": no such file");
        }
        KeyStoreFile file = KeyStoreFile.load(keystore, password(command, environment));
        String until = file.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return new Chosen(file.serverContext(), List.of(
                "tls:       " + file.certificate().getSubjectX500Principal().getName() + " from " + keystore
                        + ", valid until " + until + (file.expiredAt(Instant.now()) ? " (EXPIRED: clients will refuse it)" : ""),
                "sha-256:   " + file.sha256Fingerprint()));
    }

    private char[] password(CommandLine command, Map<String, String> environment) {
        if (passwordFile == null) {
            String fromEnvironment = environment.get(PASSWORD_VARIABLE);
            if (fromEnvironment == null) {
                throw new CommandLine.ParameterException(command, "--keystore needs its password: --keystore-password-file "
                        + "FILE or the environment variable " + PASSWORD_VARIABLE + " (never on the command line)");
            }
            return fromEnvironment.toCharArray();
        }
        try {
            if (Files.size(passwordFile) > MAX_PASSWORD_FILE_BYTES) {
                throw new CommandLine.ParameterException(command, "--keystore-password-file " + passwordFile
                        + ": over " + MAX_PASSWORD_FILE_BYTES + " bytes, not a password file");
            }
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(command, "--keystore-password-file " + passwordFile + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A certificate for this machine's names, its PEM where a client can read it, for as long as the server runs. */
    private static Chosen selfSigned() throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        Path directory = Files.createTempDirectory("sanfi-tls-");
        Path pem = directory.resolve(PEM_FILE_NAME);
        Files.writeString(pem, certificate.pem(), StandardCharsets.US_ASCII);
        // The key lives in this process only, so the PEM is of no use once it ends (deleted in reverse order).
        directory.toFile().deleteOnExit();
        pem.toFile().deleteOnExit();
        String until = certificate.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return new Chosen(certificate.serverContext(), List.of(
                "tls:       self-signed certificate for " + String.join(", ", SelfSignedCertificate.LOCAL_NAMES)
                        + ", valid until " + until,
                "sha-256:   " + certificate.sha256Fingerprint(),
                "pem:       " + pem + " (for client --trust FILE, curl --cacert FILE)"));
    }
}
