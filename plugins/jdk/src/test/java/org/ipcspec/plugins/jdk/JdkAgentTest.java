package org.ipcspec.plugins.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.jvm.host.AgentEnvironment;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Message;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's agent as the suite starts it: the generic host over this plugin's services, in a
 * JVM of its own with the descriptor's JVM options, spoken to over its control socket.
 */
class JdkAgentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process agent;
  private ControlChannel control;
  private Hello hello;
  private long nextId;

  @BeforeEach
  void start() throws Exception {
    Path socket = dir.resolve("control.sock");
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(socket));
      ProcessBuilder builder = new ProcessBuilder(
          ProcessHandle.current().info().command().orElseThrow(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), "org.ipcspec.spec.jvm.host.JvmAgentHost")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile());
      builder.environment().put(AgentEnvironment.CONTROL, socket.toString());
      builder.environment().put(AgentEnvironment.PARTICIPANT, "alice");
      builder.environment().put(AgentEnvironment.SCRATCH, dir.toString());
      builder.environment().put(AgentEnvironment.PROTOCOL, "1");
      agent = builder.start();
      SocketChannel connection = listening.accept();
      control = new ControlChannel(connection);
    }
    hello = (Hello) control.receive();
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null && agent.isAlive()) {
      call("shutdown", "{}");
      if (!agent.waitFor(10, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
    if (control != null) {
      control.close();
    }
  }

  private Response call(String op, String args) throws Exception {
    long id = ++nextId;
    control.send(new Request(id, op, (ObjectNode) JSON.readTree(args)));
    while (true) {
      Message message = control.receive();
      if (message instanceof Response response && response.id() == id) {
        return response;
      }
      if (message == null) {
        throw new AssertionError("the agent went away; it logged " + Files.readString(dir.resolve("agent.log")));
      }
    }
  }

  private static String code(Response response) {
    return response.succeeded() ? "ok" : response.error().code();
  }

  @Test
  void theAgentClaimsExactlyTheCapabilitiesOfTheDescriptor() throws Exception {
    JsonNode descriptor = JSON.readTree(Path.of("ipcspec-plugin.json").toFile());
    Set<String> claimed = new TreeSet<>();
    descriptor.get("capabilities").forEach(c -> claimed.add(c.asText()));

    assertThat(new TreeSet<>(hello.capabilities())).isEqualTo(claimed);
    assertThat(claimed).contains("socket.unix.stream", "socket.inet.stream", "socket.inet.datagram", "fs.file", "shm.posix", "mmap")
        .doesNotContain("socket.unix.datagram", "socket.pair", "socket.peercred", "socket.rights", "mq.posix", "msg.sysv");
  }

  @Test
  void whatTheJdkLacksIsUnsupportedThroughTheProtocol() throws Exception {
    assertThat(code(call("socket.create", "{\"domain\":\"unix\",\"type\":\"datagram\"}"))).isEqualTo("UNSUPPORTED_OP");
    assertThat(code(call("socket.pair", "{\"type\":\"stream\"}"))).isEqualTo("UNSUPPORTED_OP");
    assertThat(code(call("mq.unlink", "{\"name\":\"/q\"}"))).isEqualTo("UNSUPPORTED_OP");
    assertThat(code(call("msg.get", "{\"key\":0}"))).isEqualTo("UNSUPPORTED_OP");
    assertThat(code(call("memory.map", "{\"size\":4096,\"access\":\"readwrite\"}"))).isEqualTo("UNSUPPORTED_OP");
  }

  @Test
  void aFileMappedTruncatedAndTouchedBeyondItsEndAnswersSigbusAndTheAgentLivesOn() throws Exception {
    String path = dir.resolve("f").toString();
    assertThat(call("file.open", "{\"path\":\"" + path + "\",\"access\":\"readwrite\",\"create\":true}").result().get("handle").asText())
        .isEqualTo("h1");
    assertThat(code(call("handle.truncate", "{\"handle\":\"h1\",\"size\":8192}"))).isEqualTo("ok");
    assertThat(call("memory.map", "{\"handle\":\"h1\",\"size\":8192,\"access\":\"readwrite\"}").result().get("handle").asText())
        .isEqualTo("h2");
    assertThat(code(call("memory.write", "{\"handle\":\"h2\",\"offset\":0,\"data\":\"aGk=\"}"))).isEqualTo("ok");
    assertThat(code(call("handle.truncate", "{\"handle\":\"h1\",\"size\":100}"))).isEqualTo("ok");

    for (int i = 0; i < 50; i++) {
      assertThat(code(call("memory.read", "{\"handle\":\"h2\",\"offset\":4096,\"length\":8}"))).isEqualTo("SIGBUS");
      assertThat(call("memory.read", "{\"handle\":\"h2\",\"offset\":0,\"length\":2}").result().get("data").asText()).isEqualTo("aGk=");
    }
    assertThat(code(call("memory.read", "{\"handle\":\"h2\",\"offset\":8190,\"length\":4}"))).isEqualTo("BAD_ARGS");
    assertThat(code(call("read", "{\"handle\":\"h2\"}"))).isEqualTo("BAD_ARGS");
    assertThat(code(call("close", "{\"handle\":\"h2\"}"))).isEqualTo("ok");
    assertThat(call("read", "{\"handle\":\"h1\",\"max\":2}").result().get("data").asText()).isEqualTo("aGk=");
    assertThat(code(call("ping", "{}"))).isEqualTo("ok");
  }

  @Test
  void twoUnixSocketsOfOneAgentTalkThroughTheProtocol() throws Exception {
    String svc = "{\"family\":\"unix\",\"path\":\"" + dir.resolve("svc") + "\"}";
    call("socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");
    assertThat(call("socket.bind", "{\"handle\":\"h1\",\"address\":" + svc + "}").result().toString()).isEqualTo("{\"address\":" + svc + "}");
    assertThat(code(call("socket.listen", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
    call("socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");
    assertThat(code(call("socket.connect", "{\"handle\":\"h2\",\"address\":" + svc + "}"))).isEqualTo("ok");
    Response accepted = call("socket.accept", "{\"handle\":\"h1\"}");

    assertThat(accepted.result().toString()).isEqualTo("{\"handle\":\"h3\",\"peer\":{\"family\":\"unix\",\"path\":\"\"}}");
    assertThat(call("write", "{\"handle\":\"h2\",\"data\":\"aGk=\"}").result().get("written").asInt()).isEqualTo(2);
    assertThat(call("socket.receive", "{\"handle\":\"h3\"}").result().toString()).isEqualTo("{\"data\":\"aGk=\",\"eof\":false}");
    assertThat(code(call("socket.bind", "{\"handle\":\"h2\",\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":0}}")))
        .isEqualTo("EINVAL");
    assertThat(List.of(code(call("close", "{\"handle\":\"h2\"}")), code(call("write", "{\"handle\":\"h3\",\"data\":\"aGk=\"}"))))
        .containsExactly("ok", "EPIPE");
  }
}
