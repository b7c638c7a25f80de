package dev.sanfi.sockets.jetty.tuning;

import dev.sanfi.sockets.jetty.guard.InternalExtension;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Every connection served in turns of at most {@link TurnExtension#FRAMES_PER_TURN} data frames
 * ({@link TurnExtension}), so that on one core no peer keeps a pool thread while others wait.
 */
public final class FairTurns {

    private static final ExtensionConfig TURNS = ExtensionConfig.parse(TurnExtension.NAME);

    private FairTurns() {
    }

    /** Makes {@code @fair-turns} known to the server's WebSocket components; before it starts. */
    public static void register(Server server) {
        InternalExtension.register(server, TurnExtension.NAME, TurnExtension.class);
    }

    /** The creator, with {@code @fair-turns} added to the extensions of every upgrade it accepts. */
    public static WebSocketCreator on(WebSocketCreator creator) {
        return InternalExtension.adding(creator, TURNS);
    }
}
