package dev.sanfi.sockets.exercises.ch10;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Chapter 10, exercise 2: the echo of chapter 5, for the pages of {@link OriginAllowList} only. */
@ServerEndpoint(value = "/echo", configurator = OriginAllowList.class)
public final class AllowListedEcho {

    @OnMessage
    public String onText(String text) {
        return text;
    }
}
