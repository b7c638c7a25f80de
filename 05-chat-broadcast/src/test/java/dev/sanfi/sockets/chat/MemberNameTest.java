package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_2", "x.y-z", "0", "abcdefghijklmnopqrstuvwxyz012345"})
    void valid(String raw) {
        assertThat(MemberName.parse(raw)).hasValue(new MemberName(raw));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "a b", "abcdefghijklmnopqrstuvwxyz0123456", "<script>", "al\u0441ce", "Zoë",
            "tab\t", "new\nline", "a/b", "émile"})
    void invalid(String raw) {
        assertThat(MemberName.parse(raw)).isEmpty();
        assertThatThrownBy(() -> new MemberName(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {""})
    void aMissingNameSaysHowToGiveOne(String raw) {
        assertThat(MemberName.problem(raw)).isEqualTo("a name is required: connect to /chat?name=NAME");
    }
}
