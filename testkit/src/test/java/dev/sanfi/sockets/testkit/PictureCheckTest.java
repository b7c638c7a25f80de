package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PictureCheckTest {

    private static final String SOURCE = "@startuml\nA -> B\n@enduml\n";

    private static String rendered(String name, String source) {
        return "<!-- made by docs/pictures/render from " + name + " sha256=" + PictureCheck.sha256(source)
                + "; edit the source, not this file -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>";
    }

    @Test
    void aFreshPictureShownWithAltTextIsFine() {
        assertThat(PictureCheck.problems(
                Map.of("a.puml", SOURCE, "a.svg", rendered("a.puml", SOURCE)),
                Map.of("docs/02.md", "text\n\n![A sends to B](pictures/a.svg)\n")))
                .isEmpty();
    }

    @Test
    void aSourceWithoutItsSvgOrWithAnOldOneIsReported() {
        assertThat(PictureCheck.problems(Map.of("a.puml", SOURCE), Map.of()))
                .containsExactly("a.puml has no a.svg: run docs/pictures/render docs/pictures/a.puml");
        assertThat(PictureCheck.problems(
                Map.of("a.puml", SOURCE + "B -> A\n", "a.svg", rendered("a.puml", SOURCE)),
                Map.of("docs/02.md", "![A and B](pictures/a.svg)")))
                .containsExactly("a.svg is older than a.puml: run docs/pictures/render docs/pictures/a.puml");
    }

    @Test
    void anSvgFromNowhereIsReportedUnlessBenchDrewIt() {
        assertThat(PictureCheck.problems(
                Map.of("drawn.svg", "<svg/>", "speed.svg", "<?xml?>\n<!-- " + PictureCheck.BENCH_MARK + " -->\n<svg/>"),
                Map.of("docs/09.md", "![the chart](pictures/speed.svg) ![by hand](pictures/drawn.svg)")))
                .containsExactly("drawn.svg has no source drawn.puml and was not drawn by bench/run");
    }

    @Test
    void aMissingPictureNoAltTextAndAnUnshownPictureAreReported() {
        assertThat(PictureCheck.problems(
                Map.of("a.puml", SOURCE, "a.svg", rendered("a.puml", SOURCE)),
                Map.of("docs/03.md", "![](pictures/a.svg)\n![the header](pictures/header.svg)")))
                .containsExactlyInAnyOrder(
                        "docs/03.md shows pictures/a.svg without alt text",
                        "docs/03.md shows pictures/header.svg, which does not exist");
        assertThat(PictureCheck.problems(Map.of("a.puml", SOURCE, "a.svg", rendered("a.puml", SOURCE)), Map.of()))
                .containsExactly("pictures/a.svg is shown by no chapter");
    }
}
