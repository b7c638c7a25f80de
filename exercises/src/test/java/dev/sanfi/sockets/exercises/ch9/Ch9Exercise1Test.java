package dev.sanfi.sockets.exercises.ch9;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chapter 9, exercise 1: the JDK's client as a row of the matrix, every check against every server. */
class Ch9Exercise1Test extends MatrixCells {

    static Stream<Arguments> jdkRow() {
        return cells(client -> client.name().startsWith("JDK"), check -> true);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("jdkRow")
    void cell(MiniMatrix.Client client, MiniMatrix.Server server, MiniMatrix.Check check) throws Exception {
        echoesThenCloses(client, server, check);
    }
}
