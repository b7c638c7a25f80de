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

    private static final List<String> RUN = List.of(
            "node RESULT echoes_per_s=100000 p50_ms=8.00 p99_ms=14.18 max_ms=21.47 min_conn=900 max_conn=1100 errors=0 lost=0",
            "04-echo-netty RESULT echoes_per_s=650000 p50_ms=1.20 p99_ms=3.73 max_ms=40.08 min_conn=6000 max_conn=7000 errors=0 lost=0",
            "",
            "02-echo-jsr356 RESULT echoes_per_s=112000 p50_ms=7.00 p99_ms=16.02 max_ms=43.28 min_conn=1000 max_conn=1200 errors=0 lost=0");

    @Test
    void everyServerIsAMultipleOfTheReferenceInTheRunsOrder() {
        List<SpeedChart.Bar> bars = SpeedChart.bars(RUN, "node");

        assertThat(bars).extracting(SpeedChart.Bar::server).containsExactly("node", "04-echo-netty", "02-echo-jsr356");
        assertThat(bars).extracting(SpeedChart.Bar::ratio).satisfiesExactly(
                node -> assertThat(node).isEqualTo(1.0),
                netty -> assertThat(netty).isCloseTo(6.5, within(1e-9)),
                tyrus -> assertThat(tyrus).isCloseTo(1.12, within(1e-9)));
    }

    @Test
    void withoutTheReferenceThereIsNoChart() {
        assertThatThrownBy(() -> SpeedChart.bars(RUN.subList(1, 2), "node"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no result for node: the chart shows every rate as a multiple of its");
        assertThatThrownBy(() -> SpeedChart.bars(List.of("node RESULT failed"), "node"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no echoes_per_s in the line for node");
    }

    @Test
    void theSvgIsMarkedAsGeneratedAndHasOneBarPerServer(@TempDir Path dir) throws Exception {
        Path results = Files.write(dir.resolve("results"), RUN);
        Path svg = dir.resolve("speed.svg");

        SpeedChart.write(results, "node", "100 connections x 10 in flight", svg);

        String text = Files.readString(svg);
        assertThat(text).contains(SpeedChart.MARK);
        DocumentBuilderFactory parsers = DocumentBuilderFactory.newInstance();
        parsers.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        Document document = parsers.newDocumentBuilder().parse(new InputSource(new StringReader(text))); // well-formed XML, or this throws
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(text).contains("<!-- x Node ws: node=1.00 04-echo-netty=6.50 02-echo-jsr356=1.12 -->");
        assertThat(text.split("fill:rgb\\(42,98,201\\)", -1)).as("one bar in the series colour per server").hasSize(1 + 3);
    }
}
