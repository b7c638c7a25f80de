package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BinaryMessageBufferTest {

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void joinsFragmentsUpToTheLimitInclusive() {
        BinaryMessageBuffer buffer = new BinaryMessageBuffer(5);
        assertThat(buffer.append(ByteBuffer.wrap(new byte[] {1, 2}))).isTrue();
        assertThat(buffer.append(ByteBuffer.allocate(0))).isTrue();
        assertThat(buffer.append(ByteBuffer.wrap(new byte[] {3, 4, 5}))).isTrue();
        assertThat(bytes(buffer.take())).containsExactly(1, 2, 3, 4, 5);
        assertThat(buffer.take().remaining()).isZero();
    }

    @Test
    void refusesTheFragmentThatCrossesTheLimit() {
        BinaryMessageBuffer buffer = new BinaryMessageBuffer(4);
        assertThat(buffer.append(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();
        assertThat(buffer.append(ByteBuffer.wrap(new byte[] {4, 5}))).isFalse();
    }

    @Test
    void copiesOnlyTheRemainingBytesAndLeavesTheFragmentAsItWas() {
        ByteBuffer fragment = ByteBuffer.wrap(new byte[] {9, 1, 2, 9});
        fragment.position(1).limit(3);
        BinaryMessageBuffer buffer = new BinaryMessageBuffer(10);
        buffer.append(fragment);
        assertThat(fragment.position()).isEqualTo(1);
        assertThat(fragment.limit()).isEqualTo(3);
        fragment.put(1, (byte) 7); // Jetty reuses its buffer once the callback completes
        assertThat(bytes(buffer.take())).containsExactly(1, 2);
    }

    @Test
    void aTakenMessageIsNotOverwrittenByTheNextOne() {
        BinaryMessageBuffer buffer = new BinaryMessageBuffer(10);
        buffer.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer first = buffer.take(); // may still be being sent
        buffer.append(ByteBuffer.wrap(new byte[] {4, 5, 6}));
        assertThat(bytes(first)).containsExactly(1, 2, 3);
        assertThat(bytes(buffer.take())).containsExactly(4, 5, 6);
    }
}
