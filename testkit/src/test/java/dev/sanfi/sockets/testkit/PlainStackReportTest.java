package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainStackReportTest {

    private static final List<PlainStackReport.Outcome> OUTCOMES = List.of(
            new PlainStackReport.Outcome("RFC 6455 §5.1", "an unmasked client frame gets Close 1002", "expected Close 1002, got 1006"),
            new PlainStackReport.Outcome("RFC 6455 §5.5.3", "a Ping is answered with a Pong (0 bytes)", null),
            new PlainStackReport.Outcome("contract §2", "a handshake not complete in time gets its socket closed", "no EOF within 10 s"));

    @Test
    void theTableListsTheFailingCasesAndCountsThePassingOnes() {
        String table = PlainStackReport.markdown("Tyrus", OUTCOMES);

        assertThat(table).startsWith("The plain Tyrus passes 1 of the contract's 3 cases. These it gets wrong:");
        assertThat(table).contains("| RFC 6455 §5.1 | an unmasked client frame gets Close 1002 | expected Close 1002, got 1006 |");
        assertThat(table).doesNotContain("a Ping is answered");
    }

    @Test
    void theKeysReadBackFromTheTableAreTheFailingCases() {
        String table = PlainStackReport.markdown("Tyrus", OUTCOMES);

        assertThat(PlainStackReport.failingKeys(table)).containsExactly(
                OUTCOMES.get(0).key(), OUTCOMES.get(2).key());
    }

    @Test
    void whatTheStackDidIsOneLineWithoutTheRepeatedRuleOrThePort() {
        AssertionError failure = new AssertionError(
                "[RFC 6455 §5.1: expected Close 1002 from 127.0.0.1:41234] no Close within 10 s\nGET /echo HTTP/1.1");

        assertThat(PlainStackReport.did(failure)).isEqualTo("no Close within 10 s");
        assertThat(PlainStackReport.did(new org.opentest4j.AssertionFailedError(
                "[a long description [with] brackets]\nexpected: 400\n but was: 404", 400, 404)))
                .isEqualTo("expected: 400 but was: 404");
        assertThat(PlainStackReport.did(new AssertionError("[fragments of a slow message (100 bytes)] \nExpecting actual:\n  2\nto be in:\n  [9, 10]\n")))
                .isEqualTo("Expecting actual: 2 to be in: [9, 10]");
        assertThat(PlainStackReport.did(new AssertionError("no close from localhost/127.0.0.1:5555 | at all")))
                .isEqualTo("no close from localhost:PORT / at all");
    }
}
