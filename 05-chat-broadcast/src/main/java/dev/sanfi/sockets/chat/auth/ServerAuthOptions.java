package dev.sanfi.sockets.chat.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The server's option {@code --secret-file FILE}: without it the chat is open to anyone who can reach it. */
public final class ServerAuthOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Only members with a token signed by the secret in this file may chat (the token command makes one);"
                    + " a member sends it as its first message. The secret: at least 32 bytes, e.g. openssl rand -base64 32.")
    Path secretFile;

    /** The authentication asked for, or null for an open chat; a file that holds no usable secret is a bad argument. */
    public Authentication authentication(Clock clock) {
        return secretFile == null ? null : Authentication.withTokens(new AccessTokens(secret(spec.commandLine(), secretFile), clock));
    }

    /** Reads the secret, or fails as a bad argument with one line that says why. */
    static TokenSecret secret(CommandLine line, Path file) {
        try {
            return TokenSecret.read(file);
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            throw new CommandLine.ParameterException(line, "--secret-file " + file + ": " + why);
        }
    }
}
