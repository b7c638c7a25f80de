package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    /** proc(5)'s fields, with a command name holding a space and a parenthesis, as a thread's name may. */
    private static final String STAT = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5631 0 0 0 "
            + "1234 567 0 0 20 0 17 0 8812 9000000000 50000 18446744073709551615";
    private static final String STATUS = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmRSS:\t  204800 kB\n"
            + "Threads:\t17\n";

    @Test
    void cpuTimeIsUserPlusSystemTicksAndMemoryAndThreadsComeFromStatus() {
        ProcessStats stats = ProcessStats.parse(STAT, STATUS, 100);

        assertThat(stats.cpuNanos()).isEqualTo((1234 + 567) * 10_000_000L);
        assertThat(stats.rssBytes()).isEqualTo(204800L * 1024);
        assertThat(stats.threads()).isEqualTo(17);
    }

    @Test
    void sinceIsTheCpuTimeBetweenAndTheMemoryAtTheEnd() {
        ProcessStats before = new ProcessStats(1_000, 10, 3);
        ProcessStats after = new ProcessStats(5_000, 20, 4);

        assertThat(after.since(before)).isEqualTo(new ProcessStats(4_000, 20, 4));
    }

    @Test
    void thisVeryProcessCanBeRead() throws IOException {
        ProcessStats self = ProcessStats.of(ProcessHandle.current().pid(), ProcessStats.DEFAULT_CLOCK_TICKS);

        assertThat(self.rssBytes()).isPositive();
        assertThat(self.threads()).isGreaterThanOrEqualTo(Thread.activeCount());
    }
}
