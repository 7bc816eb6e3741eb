package org.ipcspec.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The diagram draws what passed between participants, and the failing step in red. */
class SequenceDiagramTest {
  private static String render(String history) throws Exception {
    return SequenceDiagram.render(history.getBytes(StandardCharsets.UTF_8));
  }

  private static final String HELLOS = """
      {"monotonicNs":1,"participant":"alice","kind":"event","op":"hello","detail":{"pid":100}},
      {"monotonicNs":2,"participant":"bob","kind":"event","op":"hello","detail":{"pid":200}},
      """;

  @Test
  void dataWrittenByOneAndReadByAnotherIsAnArrowBetweenThem() throws Exception {
    String svg = render("[" + HELLOS + """
        {"monotonicNs":3,"kind":"step","detail":"When alice writes \\"hi\\" to \\"chan\\""},
        {"monotonicNs":4,"participant":"alice","kind":"request","id":1,"op":"write","detail":{"handle":"h1","data":"aGk="}},
        {"monotonicNs":5,"participant":"alice","kind":"response","id":1,"op":"write","detail":{"written":2}},
        {"monotonicNs":6,"participant":"bob","kind":"request","id":1,"op":"read","detail":{"handle":"h1"}},
        {"monotonicNs":7,"participant":"bob","kind":"response","id":1,"op":"read","detail":{"data":"aGk=","eof":false}}
        ]""");

    assertThat(svg).contains(">alice</text>", ">bob</text>", "class=\"arrow-data\"", "&quot;hi&quot;", "When alice writes");
    assertThat(svg).doesNotContain("class=\"arrow-signal\"", "class=\"failed\"");
  }

  @Test
  void aSignalIsAnArrowToTheProcessItWasSentTo() throws Exception {
    String svg = render("[" + HELLOS + """
        {"monotonicNs":4,"participant":"alice","kind":"request","id":1,"op":"signal.send","detail":{"pid":200,"signal":"SIGUSR1"}},
        {"monotonicNs":5,"participant":"bob","kind":"event","op":"signal","detail":{"signal":"SIGUSR1"}},
        {"monotonicNs":6,"participant":"alice","kind":"response","id":1,"op":"signal.send","detail":{}}
        ]""");

    assertThat(svg).contains("class=\"arrow-signal\"", "SIGUSR1 caught");
  }

  @Test
  void theFailingStepAndAFailedOperationAreRed() throws Exception {
    String svg = render("[" + HELLOS + """
        {"monotonicNs":4,"participant":"bob","kind":"request","id":1,"op":"fifo.open","detail":{"path":"/tmp/x/chan","access":"read"}},
        {"monotonicNs":5,"participant":"bob","kind":"response","id":1,"op":"fifo.open","detail":{"code":"ENXIO","message":"No such device"}},
        {"monotonicNs":6,"kind":"step-failed","detail":"bob's fifo.open failed with ENXIO"}
        ]""");

    assertThat(svg).contains("class=\"bar failed\"", "✗ ENXIO", "class=\"failed\"", "FAILED: bob&#39;s fifo.open failed with ENXIO", "chan");
    assertThat(svg).doesNotContain("/tmp/x");
  }

  @Test
  void controlCharactersInAMessageStillMakeValidXml() throws Exception {
    String svg = render("[" + HELLOS + """
        {"monotonicNs":6,"kind":"step-failed","detail":"read \\u0001\\u001f instead"}
        ]""");

    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(svg).contains("FAILED: read ·· instead");
  }
}
