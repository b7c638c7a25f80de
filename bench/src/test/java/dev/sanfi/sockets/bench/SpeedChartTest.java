package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SpeedChartTest {

    static final List<String> RUN = List.of(
            "# bench/run 2026-12-07: server on CPU 1, generator on CPU 0, of 2",
            "node text-32 RESULT load=echo type=text size=32 echoes_per_s=100000 p99_ms=14.18 max_ms=21.47 errors=0 lost=0",
            "node binary-32 RESULT load=echo type=binary size=32 echoes_per_s=120000 p99_ms=12.00 max_ms=20.00 errors=0 lost=0",
            "node c1000 RESULT load=echo echoes_per_s=90000 errors=0 lost=0",
            "04-echo-netty text-32 RESULT load=echo echoes_per_s=650000 errors=0 lost=0",
            "04-echo-netty binary-32 RESULT load=echo echoes_per_s=600000 errors=0 lost=0",
            "",
            "02-echo-jsr356 text-32 RESULT load=echo echoes_per_s=112000 errors=0 lost=0",
            "02-echo-jsr356 binary-32 RESULT load=echo echoes_per_s=130000 errors=3 lost=0",
            "03-echo-jetty text-32 FAILED");

    @Test
    void everyServerButTheReferenceHasABarPerMessageLoadInTheRunsOrder() {
        List<SpeedChart.Bar> bars = SpeedChart.bars(RunResults.parse(RUN), "node");

        assertThat(bars).extracting(SpeedChart.Bar::load).containsExactly(
                "text-32", "text-32", "text-32", "binary-32", "binary-32");
        assertThat(bars).extracting(SpeedChart.Bar::server).containsExactly(
                "04-echo-netty", "02-echo-jsr356", "03-echo-jetty", "04-echo-netty", "02-echo-jsr356");
        assertThat(bars.get(0).ratio()).isCloseTo(6.5, within(1e-9));
        assertThat(bars.get(1).ratio()).isCloseTo(1.12, within(1e-9));
        assertThat(bars.get(2).ratio()).as("a failed load has no bar").isZero();
        assertThat(bars.get(3).ratio()).isCloseTo(5.0, within(1e-9));
        assertThat(bars.get(4).ratio()).as("a load with errors has no bar").isZero();
    }

    @Test
    void withoutTheReferenceThereIsNoChart() {
        assertThatThrownBy(() -> SpeedChart.bars(RunResults.parse(RUN.subList(4, 6)), "node"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no result for node: the chart shows every rate as a multiple of its");
    }

    @Test
    void theSvgIsMarkedAsGeneratedAndHasABarPerServerAndLoad(@TempDir Path dir) throws Exception {
        Path results = Files.write(dir.resolve("results"), RUN);
        Path svg = dir.resolve("speed.svg");

        SpeedChart.write(results, "node", "100 connections x 10 in flight", svg);

        String text = Files.readString(svg);
        assertThat(text).contains(SpeedChart.MARK);
        DocumentBuilderFactory parsers = DocumentBuilderFactory.newInstance();
        parsers.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        Document document = parsers.newDocumentBuilder().parse(new InputSource(new StringReader(text))); // well-formed XML, or this throws
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(text).contains("<!-- x Node ws: 04-echo-netty/text-32=6.50 02-echo-jsr356/text-32=1.12"
                + " 03-echo-jetty/text-32=0.00 04-echo-netty/binary-32=5.00 02-echo-jsr356/binary-32=0.00 -->");
    }
}
