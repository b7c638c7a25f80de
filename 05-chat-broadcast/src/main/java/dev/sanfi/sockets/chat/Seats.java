package dev.sanfi.sockets.chat;

import java.util.Optional;

/**
 * What the transport asks of a room while it sends: who a connection is, and to remove one that is
 * too slow. {@link ChatRoom} (one node) and {@link ClusterRoom} (many, through Redis) answer it.
 *
 * @param <M> how the transport names one connection
 */
interface Seats<M> {

    /** The name a connection joined under, if it is a member. */
    Optional<MemberName> nameOf(M connection);

    /** The connection is gone or being removed; what to send because of it. */
    ChatRoom.Outcome<M> leave(M connection);
}
