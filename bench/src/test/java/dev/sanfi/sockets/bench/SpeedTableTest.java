package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedTableTest {

    private static final List<String> RUN = List.of(
            "# bench/run 2026-12-07: server on CPU 1, generator on CPU 0, of 2",
            "node text-32 RESULT load=echo type=text size=32 connections=100 in_flight=10 rate=- echoes_per_s=100000"
                    + " p50_ms=8.00 p99_ms=14.18 max_ms=21.47 server_cpu_us=9.90 errors=0 lost=0",
            "node text-1024 RESULT load=echo echoes_per_s=50000 max_ms=950.40 errors=0 lost=0",
            "node c1000 RESULT load=echo echoes_per_s=80000 errors=0 lost=0",
            "node c1000-r10 RESULT load=echo echoes_per_s=10000 p50_ms=0.60 p99_ms=2.34 max_ms=9.10 server_cpu_us=20.00"
                    + " errors=0 lost=0",
            "02-echo-jsr356 text-32 RESULT load=echo echoes_per_s=250000 p99_ms=5.10 max_ms=40.20 server_cpu_us=3.95"
                    + " errors=0 lost=0",
            "02-echo-jsr356 text-1024 RESULT load=echo echoes_per_s=60000 errors=2 lost=0",
            "02-echo-jsr356 c1000 FAILED",
            "02-echo-jsr356 c1000-r10 RESULT load=echo echoes_per_s=10000 p50_ms=0.40 p99_ms=1.50 max_ms=7.00"
                    + " server_cpu_us=11.00 errors=0 lost=0",
            "node idle RESULT load=idle connections=10000 held=10000 kib_per_conn=10.5 threads_per_conn=0.000"
                    + " p99_ms=3.00 max_ms=12.00 errors=0 lost=0",
            "01-echo-raw-selector idle RESULT load=idle connections=10000 held=9000 kib_per_conn=6.5"
                    + " threads_per_conn=0.000 p99_ms=4.00 max_ms=15.00 errors=1000 lost=0",
            "chat idle RESULT load=chat members=10000 senders=1 rate=1 join_s=244.8 deliveries_per_s=10061"
                    + " p99_ms=155.71 max_ms=182.85 kib_per_conn=16.9 threads_per_conn=0.000 errors=0 lost=0",
            "chat fanout-10 RESULT load=chat members=1000 senders=10 rate=20 deliveries_per_s=200000 offered_per_s=200000"
                    + " p50_ms=20.00 p99_ms=60.00 max_ms=120.00 server_cpu_us=2.00 errors=0 lost=0");

    private final String tables = new SpeedTable(RunResults.parse(RUN)).markdown();

    @Test
    void theThroughputIsAMultipleOfNodeAndNodesOwnRowIsEchoesASecond() {
        assertThat(tables).contains("| server | text 32 B | text 1 KiB | 1,000 connections |");
        assertThat(tables).contains("| Node `ws` | 100,000/s | 50,000/s | 80,000/s |");
        assertThat(tables).contains("| 02-echo-jsr356 (Tyrus) | 2.50× | 2 errors | failed |");
    }

    @Test
    void latencyAndCpuStandBesideEachOtherForTheFirstLoadAndThePacedOne() {
        assertThat(tables).contains("| server | text 32 B: p99 ms | worst ms | CPU µs per echo | slowest echo of any size, ms"
                + " | 1,000 × 10/s: p50 ms | p99 ms | worst ms | CPU µs per echo |");
        assertThat(tables).contains("| Node `ws` | 14.2 | 21 | 9.90 | 950 (text 1 KiB) | 0.6 | 2.3 | 9 | 20.00 |");
        assertThat(tables).contains("| 02-echo-jsr356 (Tyrus) | 5.1 | 40 | 3.95 | 40 (text 32 B) | 0.4 | 1.5 | 7 | 11.00 |");
    }

    @Test
    void idleCapacitySaysWhatWasHeldAndWhatWasNot() {
        assertThat(tables).contains("| Node `ws` | 10,000 | 10.5 | 0.000 | 3.0 | 12 |");
        assertThat(tables).contains("| 01-echo-raw `--io selector` | 9,000 of 10,000 (1000 errors) | 6.5 | 0.000 | 4.0 | 15 |");
        assertThat(tables).contains("| 05-chat-broadcast | 10,000, joined in 245 s | 16.9 | 0.000 | 155.7 | 183 |");
    }

    @Test
    void theChatsFanOutHasItsOwnTable() {
        assertThat(tables).contains("| 1,000 | 10 × 20/s | 200,000 | 200,000 | 20.0 | 60.0 | 120 | 2.00 | 0 refused, 0 lost |");
        assertThat(tables).startsWith("Measured by bench/run 2026-12-07: server on CPU 1, generator on CPU 0, of 2.");
    }

    @Test
    void theTablesReplaceWhatIsBetweenTheChaptersMarkersAndNothingElse() {
        String chapter = String.join("\n", "# 9", "before", SpeedTable.BEGIN, "old table", SpeedTable.END, "after", "");

        String written = new SpeedTable(RunResults.parse(RUN)).into(chapter);

        assertThat(written).startsWith("# 9\nbefore\n" + SpeedTable.BEGIN + "\nMeasured by ");
        assertThat(written).endsWith(SpeedTable.END + "\nafter\n").doesNotContain("old table");
        assertThat(new SpeedTable(RunResults.parse(RUN)).into(written)).as("writing twice changes nothing").isEqualTo(written);
        assertThatThrownBy(() -> new SpeedTable(RunResults.parse(RUN)).into("no markers"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineThatIsNotAResultIsRefused() {
        List<String> lines = new ArrayList<>(RUN);
        lines.add("node text-32 something else");

        assertThatThrownBy(() -> RunResults.parse(lines)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a result line");
    }
}
