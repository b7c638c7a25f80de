package dev.sanfi.sockets.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the console client shows a server event: one readable line each (a welcome also shows its
 * history). Control characters in names and texts are replaced, so that a message cannot move the
 * cursor or clear the terminal of the members who read it.
 */
final class EventLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;

    EventLine(ZoneId zone) {
        this.zone = zone;
    }

    /** The lines for one event's JSON text. */
    List<String> format(String json) {
        JsonNode event;
        try {
            event = ChatCodec.parse(json);
        } catch (IllegalArgumentException e) {
            return List.of("? " + printable(json));
        }
        String type = event.path("type").asText();
        List<String> lines = new ArrayList<>();
        switch (type) {
            case "welcome" -> {
                List<String> names = new ArrayList<>();
                event.path("members").forEach(name -> names.add(printable(name.asText())));
                lines.add("* welcome, " + printable(event.path("you").asText()) + " - here: " + String.join(", ", names));
                if (event.path("gap").asBoolean()) {
                    lines.add("* (missed more events than the server keeps; the oldest are not shown)");
                }
                event.path("history").forEach(old -> lines.add(line(old)));
            }
            case "joined", "left", "message" -> lines.add(line(event));
            case "error" -> lines.add("! " + printable(event.path("reason").asText()));
            default -> lines.add("? " + printable(json));
        }
        return lines;
    }

    private String line(JsonNode event) {
        String prefix = "#" + event.path("seq").asLong() + " " + time(event.path("at").asText()) + " ";
        return switch (event.path("type").asText()) {
            case "joined" -> prefix + "* " + printable(event.path("name").asText()) + " joined";
            case "left" -> prefix + "* " + printable(event.path("name").asText()) + " left";
            default -> prefix + "<" + printable(event.path("from").asText()) + "> " + printable(event.path("text").asText());
        };
    }

    private String time(String iso) {
        try {
            return TIME.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            return "--:--:--";
        }
    }

    /** Replaces control characters (ESC, CR, BEL, ...) with U+FFFD. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? 0xFFFD : c));
        return out.toString();
    }
}
