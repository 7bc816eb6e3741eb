package org.ipcspec.spec.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  @Test
  void everyMessageKindSurvivesARoundTripAsOneLine() throws ProtocolException {
    List<Message> messages = List.of(
        new Hello(1, "alice", 42, new Hello.Implementation("ref", "1.0"), List.of("fifo"), 7),
        new Request(3, "fifo.open", JsonNodeFactory.instance.objectNode().put("path", "/tmp/x")),
        Response.success(3, JsonNodeFactory.instance.objectNode().put("handle", "h1"), 9),
        Response.failure(4, "ENXIO", "No such device or address", 10),
        new Event("log", JsonNodeFactory.instance.objectNode().put("text", "line\nbreak"), 11));
    for (Message message : messages) {
      String line = MessageCodec.encode(message);
      assertThat(line).doesNotContain("\n");
      assertThat(MessageCodec.decode(line)).isEqualTo(message);
    }
  }

  @Test
  void theTypeFieldNamesTheMessageKind() {
    assertThat(MessageCodec.encode(new Request(1, "ping", null)))
        .isEqualTo("{\"type\":\"request\",\"id\":1,\"op\":\"ping\",\"args\":{}}");
  }

  @Test
  void unknownFieldsAreIgnoredSoVersionsCanAddThem() throws ProtocolException {
    Message message = MessageCodec.decode("{\"type\":\"response\",\"id\":2,\"result\":{},\"monotonicNs\":5,\"extra\":true}");
    assertThat(message).isEqualTo(Response.success(2, JsonNodeFactory.instance.objectNode(), 5));
  }

  @Test
  void aResponseWithBothResultAndErrorIsRejectedWithTheReason() {
    assertThatThrownBy(() -> MessageCodec.decode(
            "{\"type\":\"response\",\"id\":2,\"result\":{},\"error\":{\"code\":\"EPIPE\"},\"monotonicNs\":5}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("exactly one of 'result' or 'error'");
  }

  @Test
  void aResponseWithoutIdIsRejected() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"response\",\"result\":{},\"monotonicNs\":5}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("id");
  }

  @Test
  void aLineThatIsNotJsonSaysSo() {
    assertThatThrownBy(() -> MessageCodec.decode("hello there"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("not JSON")
        .hasMessageContaining("hello there");
  }

  @Test
  void anUnknownMessageTypeIsRejected() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"greeting\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("greeting");
  }

  @Test
  void protocolCodesAreTellableFromErrnoNames() {
    assertThat(ErrorCodes.isProtocolCode("UNSUPPORTED_OP")).isTrue();
    assertThat(ErrorCodes.isProtocolCode("EPIPE")).isFalse();
  }

  @Test
  void everyOperationNamesAKnownCapabilityOrIsCore() {
    assertThat(Operation.byOp("fifo.create")).hasValue(Operation.FIFO_CREATE);
    assertThat(Operation.FIFO_CREATE.capability()).hasValue(Capability.FIFO_CREATE);
    assertThat(Operation.PING.capability()).isEmpty();
    assertThat(Capability.byId("fs.stat")).hasValue(Capability.FS_STAT);
    assertThat(Capability.byId("telepathy")).isEmpty();
  }
}
