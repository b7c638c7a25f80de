package dev.sanfi.sockets.exercises.ch7b;

/**
 * Chapter 7b, exercise 1: what {@code 06-echo-spring}, started with a message limit of 1,000 bytes,
 * answers to each input, predicted, and who answers it: the guard's servlet filter, Spring's
 * handshake, or Tomcat's frame parser. An answer is an HTTP status, {@code echo}, or the Close the
 * server sends ({@code Close 1000}; {@code Close (empty)} for one without a code).
 */
public enum SpringEchoPrediction {

    /** A plain GET /echo, no Upgrade: RequestCheck answers, before Spring sees it (contract §2). */
    PLAIN_GET("426"),
    /** An upgrade by POST: RequestCheck again; plain Spring would say 405 (RFC 6455 §4.2.1). */
    POST_UPGRADE("400"),
    /** An upgrade over HTTP/1.0: RequestCheck; plain Spring Boot upgrades it (§4.2.1 wants 1.1). */
    HTTP_10_UPGRADE("400"),
    /** Origin: http://evil.example: Spring's own origin check (§10.2). */
    FOREIGN_ORIGIN("403"),
    /** No Origin at all, as from a program: Spring lets it in. */
    NO_ORIGIN("101"),
    /** The server's own origin, http://127.0.0.1:PORT: Spring allows it without being told. */
    OWN_ORIGIN("101"),
    /** After the 101, a Close without a code: Tomcat always writes one (§5.5.1 allows it). */
    EMPTY_CLOSE("Close 1000"),
    /** A Close 1001: Tomcat answers with the code it received (§5.5.1). */
    GOING_AWAY_CLOSE("Close 1001"),
    /** A Close whose reason is not UTF-8: Tomcat calls it a protocol error, not invalid data. */
    CLOSE_REASON_NOT_UTF8("Close 1002"),
    /** A text frame holding the byte FF: invalid UTF-8 (§8.1). */
    TEXT_NOT_UTF8("Close 1007"),
    /** 1,000 ASCII characters, the limit exactly. */
    LIMIT_OF_ASCII("echo"),
    /** 1,001 ASCII characters: one over (§7.4.1), counted by the guard's WholeMessages. */
    ONE_OVER_THE_LIMIT("Close 1009"),
    /** 1,000 times "é", 2,000 bytes of UTF-8: over, in bytes (Tomcat alone would count chars). */
    LIMIT_OF_TWO_BYTE_CHARS("Close 1009");

    private final String answer;

    SpringEchoPrediction(String answer) {
        this.answer = answer;
    }

    /** The predicted answer: an HTTP status, "echo", or "Close CODE". */
    public String answer() {
        return answer;
    }
}
