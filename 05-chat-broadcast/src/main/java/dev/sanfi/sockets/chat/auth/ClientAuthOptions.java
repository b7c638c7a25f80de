package dev.sanfi.sockets.chat.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The client's option {@code --token-file FILE}: the token is read from a file, as the server's
 * secret is, because a token on the command line is there for {@code ps} and the shell's history.
 */
public final class ClientAuthOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Send the token in this file (from the token command) as the first message, for a server started"
                    + " with --secret-file.")
    Path tokenFile;

    /** The first message to send on every connection, or null when no token was given. */
    public String firstMessage() {
        if (tokenFile == null) {
            return null;
        }
        try {
            if (Files.size(tokenFile) > AccessTokens.MAX_TOKEN_CHARS + 2) {
                throw new IllegalArgumentException("longer than a token");
            }
            return FirstMessage.encode(Files.readString(tokenFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), "--token-file " + tokenFile + ": " + why);
        }
    }
}
