package dev.sanfi.sockets.exercises.ch1b;

/**
 * Chapter 1b, exercise 1: lines a page might run against an echo server, and what the browser does
 * with each, predicted by the WHATWG WebSockets standard and RFC 6455: the exception the call throws,
 * or the {@code close} event the socket ends with (its code, and whether the closing handshake was
 * completed). Each script leaves its socket in {@code ws}; {@code url} is the echo endpoint, and
 * {@code await opened()} gives a socket whose {@code open} event has fired.
 */
public enum WhatTheBrowserDoes {

    /** {@code send()} before {@code open}: the standard throws rather than queue it. */
    SEND_TOO_EARLY("ws = new WebSocket(url); ws.send('too early');", "throws InvalidStateError"),
    /** "Fragment identifiers are meaningless" in a WebSocket URI (§3), so the constructor refuses one. */
    FRAGMENT("ws = new WebSocket(url + '#top');", "throws SyntaxError"),
    /** Each subprotocol may be offered once (RFC 6455 §4.1: no repeated values). */
    SUBPROTOCOL_TWICE("ws = new WebSocket(url, ['chat', 'chat']);", "throws SyntaxError"),
    /** Offered, but the echo server names none in its 101: Chromium fails the connection. */
    SUBPROTOCOL_DECLINED("ws = new WebSocket(url, ['chat.v1']);", "close 1006, not clean"),
    /** Closed before the handshake is done: the connection is failed, no Close frame is sent. */
    CLOSE_WHILE_CONNECTING("ws = new WebSocket(url); ws.close(1000);", "close 1006, not clean"),
    /** The normal end: the server echoes the code in its Close (§5.5.1). */
    NORMAL("ws = await opened(); ws.close(1000, 'bye');", "close 1000, clean"),
    /** No code: a Close without a body, which the receiver reports as 1005 (§7.1.5). */
    NO_CODE("ws = await opened(); ws.close();", "close 1005, clean"),
    /** 1001 is the browser's own, for a page going away (§7.4.1): a script may send only 1000 and 3000-4999. */
    GOING_AWAY("ws = await opened(); ws.close(1001);", "throws InvalidAccessError"),
    /** 3000-3999 are for libraries, frameworks and applications, registered with IANA (§7.4.2): a script may send them. */
    REGISTERED_CODE("ws = await opened(); ws.close(3000);", "close 3000, clean"),
    /** Codes stop at 4999. */
    NO_SUCH_CODE("ws = await opened(); ws.close(5000);", "throws InvalidAccessError"),
    /** 61 two-byte characters and one more: 123 bytes of UTF-8, the most a reason may have. */
    LONGEST_REASON("ws = await opened(); ws.close(4000, 'é'.repeat(61) + 'x');", "close 4000, clean"),
    /** 62 characters, but 124 bytes: the Close payload would be 126, over a control frame's 125 (§5.5). */
    REASON_TOO_LONG("ws = await opened(); ws.close(4000, 'é'.repeat(62));", "throws SyntaxError"),
    /** A send after close() throws nothing: the message is dropped, and counted in bufferedAmount. */
    SEND_AFTER_CLOSE("ws = await opened(); ws.close(1000); ws.send('too late');", "close 1000, clean");

    private final String script;
    private final String predicted;

    WhatTheBrowserDoes(String script, String predicted) {
        this.script = script;
        this.predicted = predicted;
    }

    /** The page's lines. */
    public String script() {
        return script;
    }

    /** {@code throws <DOMException name>}, or {@code close <code>, clean} / {@code close <code>, not clean}. */
    public String predicted() {
        return predicted;
    }
}
