package dev.sanfi.sockets.exercises.ch9;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chapter 9, exercise 2: the length forms' check as a cell of every row, against every server. */
class Ch9Exercise2Test extends MatrixCells {

    static Stream<Arguments> lengthForms() {
        return cells(client -> true, check -> check.name().contains("length forms"));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("lengthForms")
    void cell(MiniMatrix.Client client, MiniMatrix.Server server, MiniMatrix.Check check) throws Exception {
        echoesThenCloses(client, server, check);
    }
}
