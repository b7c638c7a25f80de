package dev.sanfi.sockets.exercises.ch10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.OriginPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 10, exercise 1: common's OriginPolicy, predicted for ten Origin headers. */
class Ch10Exercise1Test {

    private static final OriginPolicy POLICY = OriginPolicy.allowing(List.of("https://app.example"));

    @ParameterizedTest
    @EnumSource(OriginPrediction.class)
    @DisplayName("--allow-origin https://app.example, Host localhost:8081: allowed or refused as predicted")
    void thePredictionHolds(OriginPrediction request) {
        assertThat(POLICY.allows(request.origin(), OriginPrediction.HOST)).isEqualTo(request.allowed());
    }
}
