package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatRequestTargetTest {

    @Test
    void pathAndName() {
        assertThat(ChatRequestTarget.parse("/chat?name=alice")).hasValue(new ChatRequestTarget("/chat", "alice", null, null));
        assertThat(ChatRequestTarget.parse("/chat?x=1&name=a%20b&name=c")).hasValue(new ChatRequestTarget("/chat", "a b", null, null));
        assertThat(ChatRequestTarget.parse("/chat?since=41&name=alice&token=a-b_c"))
                .hasValue(new ChatRequestTarget("/chat", "alice", "a-b_c", "41"));
        assertThat(ChatRequestTarget.parse("/chat?name=a+b").orElseThrow().name()).isEqualTo("a b");
        assertThat(ChatRequestTarget.parse("/chat?name").orElseThrow().name()).isEmpty();
        assertThat(ChatRequestTarget.parse("/chat").orElseThrow().name()).isNull();
        assertThat(ChatRequestTarget.parse("/chat").orElseThrow().isChat()).isTrue();
        assertThat(ChatRequestTarget.parse("/chat/").orElseThrow().isChat()).isFalse();
        assertThat(ChatRequestTarget.parse("/echo?name=a").orElseThrow().isChat()).isFalse();
    }

    @Test
    void notATarget() {
        assertThat(ChatRequestTarget.parse("/chat?name=%zz")).isEmpty();
        assertThat(ChatRequestTarget.parse("/ch at")).isEmpty();
        assertThat(ChatRequestTarget.parse("http://example.com/chat?name=a")).isEmpty();
    }
}
