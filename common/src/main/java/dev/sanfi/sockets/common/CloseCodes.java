package dev.sanfi.sockets.common;

import java.nio.charset.StandardCharsets;

/**
 * The close codes every module uses (RFC 6455 §7.4.1), and the two rules about a Close frame's body
 * that every module needs: which codes may go on the wire, and how long a reason may be.
 *
 * <p>This is the one home of both rules; {@code 01-echo-raw}'s {@code CloseCode} enum gives the
 * codes their names and meanings for chapter 4, and asks here whether one may be sent.
 */
public final class CloseCodes {

    /** 1000: the purpose of the connection is fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;

    /**
     * 1001: the endpoint is going away, "such as a server going down or a browser having navigated
     * away from a page" (§7.4.1). The echo servers also send it to a peer they drop as idle: a
     * convention of this course (and of Jetty and others), not a meaning the RFC gives.
     */
    public static final int GOING_AWAY = 1001;

    /** 1002: the peer broke the protocol (a bad frame, a bad close code, ...). */
    public static final int PROTOCOL_ERROR = 1002;

    /** 1005: "the Close frame had no code"; reported locally, never sent (§7.1.5, §7.4.1). */
    public static final int NO_STATUS_RECEIVED = 1005;

    /** 1006: "the connection ended without a Close frame"; reported locally, never sent (§7.1.5). */
    public static final int ABNORMAL_CLOSURE = 1006;

    /** 1007: data inconsistent with its type, such as invalid UTF-8 in a text message (§8.1). */
    public static final int INVALID_PAYLOAD = 1007;

    /** 1008: a message that violates the endpoint's policy, when no more specific code fits. */
    public static final int POLICY_VIOLATION = 1008;

    /** 1009: a message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /** 1011: the server met a condition that kept it from fulfilling the request. */
    public static final int INTERNAL_ERROR = 1011;

    /** 1015: "the TLS handshake failed"; reported locally, never sent (§7.4.1). */
    public static final int TLS_HANDSHAKE = 1015;

    /**
     * §5.5: a control frame carries at most 125 bytes, and a Close's first two are the code, so its
     * reason has at most 123 bytes of UTF-8.
     */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * May this code appear in a Close frame? (RFC 6455 §7.4)
     *
     * <p>Below 1000 nothing is defined; 1004 is reserved; 1005, 1006 and 1015 only report what
     * happened locally and must never be sent; 1012–1014 were added by the IANA registry that §11.7
     * set up; 1016–2999 are for future revisions of the protocol; 3000–3999 are registered by
     * libraries and frameworks, 4000–4999 are for private use (§7.4.2); from 5000 on nothing is defined.
     */
    public static boolean mayBeSent(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code <= 1014 && code != 1004 && code != NO_STATUS_RECEIVED && code != ABNORMAL_CLOSURE;
    }

    /**
     * The reason as it fits in a Close frame: at most {@link #MAX_REASON_BYTES} bytes of UTF-8, cut
     * before a whole character, never inside one (a cut inside one would make the peer fail the
     * connection with 1007, §8.1).
     */
    public static String fittingReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int length = MAX_REASON_BYTES;
        while ((bytes[length] & 0xC0) == 0x80) {
            length--; // bytes[length] continues a character: the cut must come before that character
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
