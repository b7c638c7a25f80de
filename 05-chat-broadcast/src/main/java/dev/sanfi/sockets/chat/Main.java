package dev.sanfi.sockets.chat;

/** {@code mvn -pl 05-chat-broadcast exec:java [-Dexec.args="server|client ..."]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ChatCommand.main(args);
    }
}
