package dev.patchflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BadgeTest {
  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document d) {
    NodeList n = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    return java.util.stream.IntStream.range(0, n.getLength()).mapToObj(i -> n.item(i).getTextContent()).toList();
  }

  private static String messageFill(Document d) {
    return ((Element) d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(1)).getAttribute("fill");
  }

  @Test
  void passingIsGreenWellFormedSvg() throws Exception {
    Document d = parse(TestBadge.of(List.of(List.of("success", "success"), List.of("success"))).svg());
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(texts(d)).containsExactly("tests", "passing");
    assertThat(messageFill(d)).isEqualTo("#4c1");
  }

  @Test
  void anyFailureOrTimeoutOfAnEndedSeriesFailsItAndIsCounted() throws Exception {
    Badge b = TestBadge.of(List.of(List.of("running", "failure"), List.of("success", "timeout"),
        List.of("failure", "success"), List.of("success")));
    assertThat(b.message()).isEqualTo("2 of 3 failing");
    Document d = parse(b.svg());
    assertThat(texts(d)).containsExactly("tests", "2 of 3 failing");
    assertThat(messageFill(d)).isEqualTo("#e05d44");
  }

  @Test
  void withoutEndedSeriesTheBadgeSaysRunningPendingOrNoTests() {
    assertThat(TestBadge.of(List.of(List.of("running", "pending"), List.of("pending")))).isEqualTo(
        new Badge("tests", "running", Badge.Colour.BLUE));
    assertThat(TestBadge.of(List.of(List.of("pending")))).isEqualTo(new Badge("tests", "pending", Badge.Colour.GREY));
    assertThat(TestBadge.of(List.of())).isEqualTo(new Badge("tests", "no tests", Badge.Colour.GREY));
  }

  @Test
  void textIsEscapedAndTheBoxFitsIt() throws Exception {
    Badge b = new Badge("a<b & \"c\"", "x'y>\u0001z", Badge.Colour.GREY);
    Document d = parse(b.svg());
    assertThat(texts(d)).containsExactly("a<b & \"c\"", "x'y>z");
    int width = Integer.parseInt(d.getDocumentElement().getAttribute("width"));
    assertThat(width).isEqualTo(Badge.width("a<b & \"c\"") + Badge.width("x'y>\u0001z"));
  }
}
