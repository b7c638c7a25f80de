package dev.sanfi.sockets.chat.auth;

import dev.sanfi.sockets.chat.MemberName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code token --secret-file FILE --name NAME [--minutes N]}: prints a token with which NAME may
 * join a chat started with the same secret. What a login page would hand out; here, a command.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a token with which NAME may join a chat server started with the same --secret-file.")
public final class TokenCommand implements Callable<Integer> {

    private static final long MAX_MINUTES = AccessTokens.MAX_LIFETIME.toMinutes();

    private final PrintStream out;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--secret-file", paramLabel = "FILE", required = true, description = "The server's secret.")
    Path secretFile;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Whom the token names: 1-32 letters, digits, '_', '-', '.'.")
    String name;

    @Option(names = "--minutes", paramLabel = "N", description = "How long the token is valid, 1 to 10080 (a week) (default: ${DEFAULT-VALUE}).")
    long minutes = 60;

    public TokenCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        MemberName member = MemberName.parse(name)
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--name: " + MemberName.problem(name)));
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be 1.." + MAX_MINUTES + ", was " + minutes);
        }
        TokenSecret secret = ServerAuthOptions.secret(spec.commandLine(), secretFile);
        out.println(new AccessTokens(secret, clock).issue(member, Duration.ofMinutes(minutes)));
        return 0;
    }
}
