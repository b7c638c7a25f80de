package dev.sanfi.sockets.spring.guard;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.websocket.Transformation;
import org.apache.tomcat.websocket.server.WsHandshakeRequest;
import org.apache.tomcat.websocket.server.WsHttpUpgradeHandler;
import org.apache.tomcat.websocket.server.WsServerContainer;

/**
 * Tomcat's handler of an upgraded WebSocket connection, given Tomcat's negotiated permessage-deflate
 * inside {@link Rsv1OnFirstFrame}. Tomcat makes its extensions itself, from its own factory, and
 * hands them to this handler before the connection starts ({@code preInit}); this is the one place
 * where they can be wrapped. {@link DeflateNegotiation} has Tomcat's upgrade made with this class
 * (public, with a public no-argument constructor: Tomcat makes the handler by reflection).
 */
public class DeflateUpgradeHandler extends WsHttpUpgradeHandler {

    @Override
    public void preInit(ServerEndpointConfig serverEndpointConfig, WsServerContainer container,
                        WsHandshakeRequest handshakeRequest, List<Extension> negotiatedExtensions, String subProtocol,
                        Transformation transformation, Map<String, String> pathParameters, boolean secure) {
        super.preInit(serverEndpointConfig, container, handshakeRequest, negotiatedExtensions, subProtocol,
                transformation == null ? null : new Rsv1OnFirstFrame(transformation), pathParameters, secure);
    }
}
