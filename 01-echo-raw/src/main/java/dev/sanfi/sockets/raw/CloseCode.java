package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.CloseCodes;

/**
 * The close codes of RFC 6455 §7.4.1, plus the three the IANA registry added later (1012–1014).
 *
 * <p>A Close frame may carry any code for which {@link #mayBeSent(int)} is true, also ones not
 * listed here: 3000–3999 are registered by libraries and frameworks, 4000–4999 are for private use
 * between an application's own endpoints (§7.4.2).
 */
public enum CloseCode {

    /** 1000: the purpose of the connection is fulfilled. */
    NORMAL_CLOSURE(1000, "Normal Closure"),
    /** 1001: the endpoint is going away: a server shutting down, a browser leaving the page. */
    GOING_AWAY(1001, "Going Away"),
    /** 1002: the peer broke the protocol (a bad frame, a bad close code, ...). */
    PROTOCOL_ERROR(1002, "Protocol Error"),
    /** 1003: a type of data this endpoint cannot accept, e.g. binary for a text-only endpoint. */
    UNSUPPORTED_DATA(1003, "Unsupported Data"),
    /** 1004: reserved, meaning not yet defined; never sent. */
    RESERVED(1004, "Reserved"),
    /** 1005: "the Close frame had no code"; for reporting only, never sent (§7.1.5). */
    NO_STATUS_RECEIVED(1005, "No Status Received"),
    /** 1006: "the connection ended without a Close frame"; for reporting only, never sent (§7.1.5). */
    ABNORMAL_CLOSURE(1006, "Abnormal Closure"),
    /** 1007: data inconsistent with its type, e.g. invalid UTF-8 in a text message (§8.1). */
    INVALID_PAYLOAD_DATA(1007, "Invalid Payload Data"),
    /** 1008: a message that violates the endpoint's policy, when no more specific code fits. */
    POLICY_VIOLATION(1008, "Policy Violation"),
    /** 1009: a message too big to process. */
    MESSAGE_TOO_BIG(1009, "Message Too Big"),
    /** 1010: sent by a client when the server did not negotiate an extension it needs. */
    MANDATORY_EXTENSION(1010, "Mandatory Extension"),
    /** 1011: the server met an unexpected condition. */
    INTERNAL_ERROR(1011, "Internal Error"),
    /** 1012 (IANA registry): the server is restarting. */
    SERVICE_RESTART(1012, "Service Restart"),
    /** 1013 (IANA registry): temporary server condition, try again later. */
    TRY_AGAIN_LATER(1013, "Try Again Later"),
    /** 1014 (IANA registry): a gateway got an invalid response from the upstream server. */
    BAD_GATEWAY(1014, "Bad Gateway"),
    /** 1015: "the TLS handshake failed"; for reporting only, never sent (§7.4.1). */
    TLS_HANDSHAKE(1015, "TLS Handshake");

    private final int code;
    private final String meaning;

    CloseCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** May this code appear in a Close frame? The rule of RFC 6455 §7.4 lives in {@code common}. */
    public static boolean mayBeSent(int code) {
        return CloseCodes.mayBeSent(code);
    }

    /** A code with its meaning for logs, e.g. {@code 1001 Going Away} or {@code 4000}. */
    public static String describe(int code) {
        for (CloseCode known : values()) {
            if (known.code == code) {
                return code + " " + known.meaning;
            }
        }
        return Integer.toString(code);
    }
}
