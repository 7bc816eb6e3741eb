package org.ipcspec.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml}: one test case a scenario, so CI servers show verdicts without knowing
 * ipcspec. FAIL is a failure, ERROR an error, NOT_APPLICABLE skipped; every case carries its
 * verdict as a property, since JUnit has no words for EXPECTED_FAIL and UNEXPECTED_PASS.
 */
public final class JUnitXml {
  private JUnitXml() {}

  public static void write(RunSummary summary, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "ipcspec " + summary.plugin().id());
      xml.writeAttribute("tests", Integer.toString(summary.scenarios().size()));
      xml.writeAttribute("failures", count(summary, Verdict.FAIL));
      xml.writeAttribute("errors", count(summary, Verdict.ERROR));
      xml.writeAttribute("skipped", count(summary, Verdict.NOT_APPLICABLE));
      xml.writeAttribute("time", seconds(summary.durationMs()));
      xml.writeAttribute("timestamp", summary.startedAt().toString());
      for (ScenarioResult scenario : summary.scenarios()) {
        writeCase(xml, summary.plugin().id(), scenario);
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file, e);
    }
  }

  private static void writeCase(XMLStreamWriter xml, String plugin, ScenarioResult scenario)
      throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", "ipcspec." + plugin + "." + scenario.mechanism().id());
    xml.writeAttribute("name", scenario.id() + " " + scenario.title());
    xml.writeAttribute("time", seconds(scenario.durationMs()));
    xml.writeStartElement("properties");
    property(xml, "verdict", scenario.verdict().name());
    property(xml, "level", scenario.level());
    property(xml, "sources", String.join(" ", scenario.sources()));
    xml.writeEndElement();
    switch (scenario.verdict()) {
      case FAIL -> element(xml, "failure", scenario.message());
      case ERROR -> element(xml, "error", scenario.message());
      case NOT_APPLICABLE -> element(xml, "skipped", scenario.message());
      case EXPECTED_FAIL, UNEXPECTED_PASS -> {
        xml.writeStartElement("system-out");
        xml.writeCharacters(scenario.verdict() + ": " + scenario.message());
        xml.writeEndElement();
      }
      case PASS -> {}
    }
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String message) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeAttribute("message", firstLine(message));
    xml.writeCharacters(message);
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", value);
  }

  private static String count(RunSummary summary, Verdict verdict) {
    return Integer.toString(summary.totals().getOrDefault(verdict, 0));
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
