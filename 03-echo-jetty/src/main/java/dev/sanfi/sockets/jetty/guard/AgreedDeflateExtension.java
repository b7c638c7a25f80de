package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Extension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.IncomingFrames;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.OutgoingFrames;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.util.DemandChain;

/**
 * Jetty's own permessage-deflate extension, answering with the parameters {@link DeflateNegotiation}
 * agreed instead of the ones it keeps: every frame goes to Jetty's extension, only
 * {@link #getConfig()}, which Jetty writes into the 101's {@code Sec-WebSocket-Extensions}, is ours.
 *
 * <p>Jetty's extension drops both window parameters from its answer, where RFC 7692 §7.1.2.1 has a
 * server that accepts {@code server_max_window_bits} name it in the answer. It keeps them all the same:
 * it compresses with {@code java.util.zip}'s 15-bit window, the only {@code server_max_window_bits}
 * chapter 4b's negotiation accepts, and inflates any window up to 15 bits, so whatever
 * {@code client_max_window_bits} the answer names (§7.1.2.2). The no-context-takeover parameters it
 * keeps and answers itself (§7.1.1).
 *
 * <p>Installed in the server's extension registry under the extension's name by
 * {@link #installOn(Server)}; Jetty makes one per connection, with the config the negotiation set.
 */
public final class AgreedDeflateExtension implements Extension, DemandChain {

    /** The registry of Jetty's built-in extensions, for Jetty's permessage-deflate without naming its class. */
    private static final WebSocketExtensionRegistry JETTY = new WebSocketExtensionRegistry();

    private Extension jetty;
    private ExtensionConfig agreed;
    private DemandChain nextDemand;

    /** For Jetty's registry, which makes each extension with a public no-argument constructor. */
    public AgreedDeflateExtension() {
    }

    /** From now on, every permessage-deflate the server negotiates is this extension. */
    static void installOn(Server server) {
        WebSocketServerComponents.ensureWebSocketComponents(server).getExtensionRegistry()
                .register(DeflateParameters.EXTENSION, AgreedDeflateExtension.class);
    }

    @Override
    public void init(ExtensionConfig config, WebSocketComponents components) {
        agreed = new ExtensionConfig(config);
        jetty = JETTY.newInstance(config, components);
    }

    /** The agreed parameters, as the negotiation gave them: the answer Jetty sends. */
    @Override
    public ExtensionConfig getConfig() {
        return agreed;
    }

    @Override
    public String getName() {
        return jetty.getName();
    }

    @Override
    public boolean isRsv1User() {
        return jetty.isRsv1User();
    }

    @Override
    public boolean isRsv2User() {
        return jetty.isRsv2User();
    }

    @Override
    public boolean isRsv3User() {
        return jetty.isRsv3User();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        jetty.onFrame(frame, callback);
    }

    @Override
    public void sendFrame(OutgoingEntry entry) {
        jetty.sendFrame(entry);
    }

    @Override
    public void setNextIncomingFrames(IncomingFrames nextIncoming) {
        jetty.setNextIncomingFrames(nextIncoming);
    }

    @Override
    public void setNextOutgoingFrames(OutgoingFrames nextOutgoing) {
        jetty.setNextOutgoingFrames(nextOutgoing);
    }

    @Override
    public void setCoreSession(CoreSession coreSession) {
        jetty.setCoreSession(coreSession);
    }

    /** Jetty's extension inflates a frame a piece per demand: the session's demand must reach it. */
    @Override
    public void setNextDemand(DemandChain next) {
        nextDemand = next;
        if (jetty instanceof DemandChain chain) {
            chain.setNextDemand(next);
        }
    }

    @Override
    public void demand() {
        if (jetty instanceof DemandChain chain) {
            chain.demand();
        } else {
            nextDemand.demand();
        }
    }

    @Override
    public void close() {
        jetty.close();
    }

    @Override
    public String toString() {
        return "AgreedDeflateExtension[agreed=\"" + agreed.getParameterizedName() + "\", " + jetty + "]";
    }
}
