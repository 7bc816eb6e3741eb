package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Object Linking and Embedding: compound documents, and objects embedded in them or linked to
 * them from a note, a text file of another application (".ipcnote"). The documents and notes are
 * files in the scenario's shared folder. The harness makes, changes and deletes the notes itself,
 * and reads the documents itself with Apache POI (POIFS), independently of the implementation
 * that wrote them; what it read goes into the scenario's history.
 */
public class OleSteps {
  static {
    // POI logs through Log4j's API; without this, Log4j complains on stderr that it has no provider.
    System.getProperties().putIfAbsent("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
  }

  /** The codes of an object whose link cannot reach its source: ole32 names several. */
  private static final List<String> SOURCE_GONE = List.of("MK_E_NOOBJECT", "MK_E_CANTOPENFILE", "OLE_E_CANT_BINDTOSOURCE",
      "STG_E_FILENOTFOUND", "STG_E_PATHNOTFOUND", "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)", "HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)");

  private final ScenarioWorld world;
  private final Expectations expect;
  /** The class each object got when it was put in its document, by "document/object". */
  private final Map<String, String> classes = new HashMap<>();
  /** Whether each object was embedded or linked, by "document/object". */
  private final Map<String, Capability> kinds = new HashMap<>();

  public OleSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- The notes: the harness's own files --------------------------------------------------------

  @Given("the harness has written the note {string} with {string}")
  @When("the harness rewrites the note {string} with {string}")
  public void writesNote(String note, String text) throws IOException {
    Files.writeString(file(note), text, StandardCharsets.UTF_8);
    world.history().note("harness", "wrote " + note + ": " + Bytes.show(Bytes.utf8(text)));
  }

  @Given("the harness has written the note {string} of {int} bytes")
  public void writesLongNote(String note, int size) throws IOException {
    byte[] text = new byte[size];
    Arrays.fill(text, (byte) 'n');
    Files.write(file(note), text);
    world.history().note("harness", "wrote " + note + ": " + size + " bytes");
  }

  @When("the harness deletes the note {string}")
  public void deletesNote(String note) throws IOException {
    Files.delete(file(note));
    world.history().note("harness", "deleted " + note);
  }

  // --- Documents, through the implementation -------------------------------------------------------

  @Given("{participant} has created the compound document {string} with the stream {string} holding {string}")
  public void createsWithStream(String participant, String document, String stream, String text) {
    String handle = create(participant, document);
    expect.success(world.submit(participant, Operation.OLE_STREAM_WRITE,
        Json.args().put("handle", handle).put("name", stream).put("data", Bytes.base64(Bytes.utf8(text)))));
    close(participant, handle);
  }

  @Then("{participant} reads the stream {string} of the compound document {string} as {string}")
  public void readsStream(String participant, String stream, String document, String text) {
    String handle = open(participant, document);
    ObjectNode result = expect.success(world.submit(participant, Operation.OLE_STREAM_READ,
        Json.args().put("handle", handle).put("name", stream)));
    close(participant, handle);
    expectBytes(Bytes.data(result), Bytes.utf8(text), participant + " read the stream \"" + stream + "\" of " + document);
  }

  @Given("{participant} has embedded the note {string} in the new compound document {string} as {string}")
  @When("{participant} embeds the note {string} in the new compound document {string} as {string}")
  public void embeds(String participant, String note, String document, String object) {
    insert(participant, Operation.OLE_EMBED, Capability.OLE_EMBED, note, document, object);
  }

  @Given("{participant} has linked the note {string} into the new compound document {string} as {string}")
  @When("{participant} links the note {string} into the new compound document {string} as {string}")
  public void links(String participant, String note, String document, String object) {
    insert(participant, Operation.OLE_LINK, Capability.OLE_LINK, note, document, object);
  }

  @Then("{participant} opens the object {string} of {string} and reads {string}")
  public void opensObject(String participant, String object, String document, String text) {
    ObjectNode result = expect.success(readObject(participant, object, document));
    expectBytes(Bytes.data(result), Bytes.utf8(text), participant + " opened the object \"" + object + "\" of " + document);
    String expected = classes.get(document + "/" + object);
    if (expected != null && !expected.equalsIgnoreCase(result.path("class").asText())) {
      throw new AssertionError("the object \"" + object + "\" opened as class " + result.path("class").asText()
          + ", but it was put in the document as class " + expected);
    }
  }

  @When("{participant} tries to open the object {string} of {string}")
  public void triesToOpenObject(String participant, String object, String document) {
    world.attempted("object", object, readObject(participant, object, document));
  }

  @Then("that opening fails because the link's source is gone")
  public void sourceGone() {
    expect.failure(world.lastAttempt("object").operation(), SOURCE_GONE);
  }

  // --- Documents, read by the harness (POIFS) ---------------------------------------------------------

  @Then("the harness finds in {string} the stream {string} holding {string}")
  public void findsStream(String document, String stream, String text) throws IOException {
    try (POIFSFileSystem poifs = poifs(document)) {
      Entry entry = entry(poifs.getRoot(), document, stream);
      if (!(entry instanceof DocumentEntry found)) {
        throw new AssertionError(document + " holds \"" + stream + "\", but as a storage, not a stream");
      }
      byte[] bytes = bytes(found);
      world.history().note("harness", "POI read the stream \"" + stream + "\" of " + document + ": " + Bytes.show(bytes));
      expectBytes(bytes, Bytes.utf8(text), "the stream \"" + stream + "\" of " + document + ", read with POI");
    }
  }

  @Then("the harness finds in {string} the object {string}, of the class it was put there with, holding {string}")
  public void findsEmbedded(String document, String object, String text) throws IOException {
    try (POIFSFileSystem poifs = poifs(document)) {
      DirectoryEntry storage = storage(poifs, document, object);
      expectClass(storage, document, object);
      List<String> holding = streamsHolding(storage, Bytes.utf8(text));
      world.history().note("harness", "POI read the object \"" + object + "\" of " + document + ": class "
          + storage.getStorageClsid() + ", streams " + describe(storage) + "; " + Bytes.show(Bytes.utf8(text)) + " in " + holding);
      if (holding.isEmpty()) {
        throw new AssertionError("no stream of the object \"" + object + "\" in " + document + " holds " + Bytes.show(Bytes.utf8(text))
            + ": an embedded object keeps its data in the document (streams: " + describe(storage) + ")");
      }
    }
  }

  @Then("the harness finds in {string} the object {string} holding no copy of {string}")
  public void findsNoCopy(String document, String object, String text) throws IOException {
    try (POIFSFileSystem poifs = poifs(document)) {
      DirectoryEntry storage = storage(poifs, document, object);
      List<String> holding = streamsHolding(storage, Bytes.utf8(text));
      world.history().note("harness", "POI read the object \"" + object + "\" of " + document + ": streams " + describe(storage)
          + "; " + Bytes.show(Bytes.utf8(text)) + " in " + holding);
      if (!holding.isEmpty()) {
        throw new AssertionError("the object \"" + object + "\" in " + document + " holds a copy of " + Bytes.show(Bytes.utf8(text))
            + " in " + holding + ": that is embedding, not a link");
      }
    }
  }

  @Then("the harness finds in {string} the object {string}, of the class it was put there with, naming the note {string}")
  public void findsReference(String document, String object, String note) throws IOException {
    try (POIFSFileSystem poifs = poifs(document)) {
      DirectoryEntry storage = storage(poifs, document, object);
      expectClass(storage, document, object);
      // A file moniker keeps the path, in the ANSI code page and, for long names, in UTF-16.
      List<String> naming = new ArrayList<>(streamsHolding(storage, note.getBytes(StandardCharsets.ISO_8859_1)));
      naming.addAll(streamsHolding(storage, note.getBytes(StandardCharsets.UTF_16LE)));
      world.history().note("harness", "POI read the object \"" + object + "\" of " + document + ": class "
          + storage.getStorageClsid() + ", streams " + describe(storage) + "; the name " + note + " in " + naming);
      if (naming.isEmpty()) {
        throw new AssertionError("no stream of the object \"" + object + "\" in " + document + " names " + note
            + ": a link keeps the location of its source (streams: " + describe(storage) + ")");
      }
    }
  }

  @Then("the compound document {string} is larger than the note {string}")
  public void isLarger(String document, String note) throws IOException {
    long documentSize = Files.size(file(document));
    long noteSize = Files.size(file(note));
    world.history().note("harness", document + " is " + documentSize + " bytes, " + note + " " + noteSize);
    if (documentSize <= noteSize) {
      throw new AssertionError(document + " is " + documentSize + " bytes, no larger than " + note + " (" + noteSize
          + " bytes) that it embeds: the object's data is not in the document");
    }
  }

  @Then("the compound documents {string} and {string} differ in size by less than {int} bytes")
  public void sizesClose(String first, String second, int limit) throws IOException {
    long a = Files.size(file(first));
    long b = Files.size(file(second));
    world.history().note("harness", first + " is " + a + " bytes, " + second + " " + b);
    if (Math.abs(a - b) >= limit) {
      throw new AssertionError(first + " is " + a + " bytes and " + second + " " + b + ": they differ by " + Math.abs(a - b)
          + " bytes, not less than " + limit);
    }
  }

  // --- Helpers -----------------------------------------------------------------------------------------

  private Path file(String name) {
    return Path.of(world.path(name));
  }

  private String create(String participant, String document) {
    return expect.newHandle(world.submit(participant, Operation.OLE_DOCUMENT_CREATE, Json.args().put("path", world.path(document))));
  }

  private String open(String participant, String document) {
    return expect.newHandle(world.submit(participant, Operation.OLE_DOCUMENT_OPEN,
        Json.args().put("path", world.path(document)).put("access", "read")));
  }

  private void close(String participant, String handle) {
    expect.success(world.submit(participant, Operation.CLOSE, Json.args().put("handle", handle)));
  }

  private void insert(String participant, Operation operation, Capability kind, String note, String document, String object) {
    String handle = create(participant, document);
    ObjectNode result = expect.success(world.submit(participant, operation,
        Json.args().put("handle", handle).put("name", object).put("path", world.path(note))));
    close(participant, handle);
    if (!result.path("class").isTextual()) {
      throw new HarnessException(participant + "'s agent answered " + operation.op() + " without the object's class: " + result);
    }
    classes.put(document + "/" + object, result.get("class").asText());
    kinds.put(document + "/" + object, kind);
  }

  /** Opens the document, the object in it, and closes the document; the answer is the object's. */
  private PendingOperation readObject(String participant, String object, String document) {
    Capability kind = kinds.get(document + "/" + object);
    if (kind == null) {
      throw new HarnessException("the scenario opens the object \"" + object + "\" of " + document + " without having put it there");
    }
    world.requireDeclared(kind);
    String handle = open(participant, document);
    PendingOperation read = world.submit(participant, Operation.OLE_OBJECT_READ, Json.args().put("handle", handle).put("name", object));
    expect.complete(read);
    close(participant, handle);
    return read;
  }

  private POIFSFileSystem poifs(String document) throws IOException {
    try {
      return new POIFSFileSystem(file(document).toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(document + " is not a compound document POI can read: " + e.getMessage(), e);
    }
  }

  private static Entry entry(DirectoryEntry parent, String document, String name) {
    if (!parent.hasEntry(name)) {
      throw new AssertionError(document + " holds no \"" + name + "\"; it holds " + parent.getEntryNames());
    }
    try {
      return parent.getEntry(name);
    } catch (IOException e) {
      throw new AssertionError(document + ": " + e.getMessage(), e);
    }
  }

  private static DirectoryEntry storage(POIFSFileSystem poifs, String document, String object) {
    Entry entry = entry(poifs.getRoot(), document, object);
    if (!(entry instanceof DirectoryEntry storage)) {
      throw new AssertionError(document + " holds \"" + object + "\" as a stream: an object lives in a storage of its own");
    }
    return storage;
  }

  /** The storage's CLSID is the class the implementation reported for the object, and not the null class. */
  private void expectClass(DirectoryEntry storage, String document, String object) {
    String found = storage.getStorageClsid() == null ? "" : storage.getStorageClsid().toString();
    String reported = classes.get(document + "/" + object);
    if (found.isEmpty() || found.equals("{00000000-0000-0000-0000-000000000000}")) {
      throw new AssertionError("the object \"" + object + "\" in " + document + " has no class: nothing says which application made it");
    }
    if (reported != null && !reported.equalsIgnoreCase(found)) {
      throw new AssertionError("the object \"" + object + "\" in " + document + " is of class " + found + ", not " + reported
          + " as the implementation said when it put it there");
    }
  }

  /** The streams under the storage, at any depth, whose bytes contain {@code wanted}. */
  private static List<String> streamsHolding(DirectoryEntry storage, byte[] wanted) throws IOException {
    List<String> holding = new ArrayList<>();
    for (Entry entry : storage) {
      if (entry instanceof DocumentEntry stream && contains(bytes(stream), wanted)) {
        holding.add(printable(stream.getName()));
      } else if (entry instanceof DirectoryEntry inner) {
        streamsHolding(inner, wanted).forEach(name -> holding.add(printable(inner.getName()) + "/" + name));
      }
    }
    return holding;
  }

  private static String describe(DirectoryEntry storage) {
    List<String> names = new ArrayList<>();
    for (Entry entry : storage) {
      names.add(printable(entry.getName()) + (entry instanceof DocumentEntry stream ? " (" + stream.getSize() + " bytes)" : "/"));
    }
    return names.toString();
  }

  /** OLE's own streams start with control characters (\1Ole, \1CompObj): shown as \1. */
  private static String printable(String name) {
    StringBuilder shown = new StringBuilder();
    name.chars().forEach(c -> shown.append(c < 32 ? "\\" + c : String.valueOf((char) c)));
    return shown.toString();
  }

  private static byte[] bytes(DocumentEntry stream) throws IOException {
    try (DocumentInputStream in = new DocumentInputStream(stream)) {
      return in.readAllBytes();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void expectBytes(byte[] got, byte[] expected, String what) {
    if (!Arrays.equals(got, expected)) {
      throw new AssertionError(what + ": got " + Bytes.show(got) + ", not " + Bytes.show(expected));
    }
  }
}
