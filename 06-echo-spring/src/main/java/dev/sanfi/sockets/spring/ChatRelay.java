package dev.sanfi.sockets.spring;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Controller;

/**
 * An application destination: a SEND to {@code /app/chat} comes here, and what it returns goes to
 * the broker's {@code /topic/chat}, to every subscriber. (A SEND straight to {@code /topic/...}
 * skips this step: the broker delivers it as it is.)
 */
@Controller
public class ChatRelay {

    @MessageMapping("/chat")
    @SendTo(StompConfiguration.TOPICS + "/chat")
    public String relay(String text) {
        return text;
    }
}
