package org.ipcspec.spec.jvm.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.HandleStatusReader;
import org.ipcspec.spec.jvm.ImplementationInfo;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.NonBlockingSwitch;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalMask;
import org.ipcspec.spec.jvm.SignalQueue;
import org.ipcspec.spec.jvm.SignalSending;

/** SPI implementations that record what the host asked of them. */
final class Fakes {
  private Fakes() {}

  static final ImplementationInfo INFO =
      new ImplementationInfo() {
        @Override
        public String name() {
          return "fake";
        }

        @Override
        public String version() {
          return "0";
        }
      };

  /** An endpoint that remembers its name and whether it was closed. */
  static final class NamedEndpoint implements Endpoint {
    final String name;
    boolean closed;
    Boolean nonBlocking;

    NamedEndpoint(String name) {
      this.name = name;
    }

    @Override
    public int write(byte[] data) {
      return data.length;
    }

    @Override
    public byte[] read(int max) {
      return null;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Records every call as one line of text. */
  static class Recorder {
    final List<String> calls = new ArrayList<>();

    void record(String call) {
      synchronized (calls) {
        calls.add(call);
      }
    }
  }

  static final class FakePipes extends Recorder implements Pipes, NonBlockingSwitch, HandleStatusReader {
    @Override
    public Ends create() {
      record("create");
      return new Ends(new NamedEndpoint("read end"), new NamedEndpoint("write end"));
    }

    @Override
    public void setNonBlocking(Endpoint endpoint, boolean on) {
      record("nonblocking " + endpoint + " " + on);
    }

    @Override
    public FileStatus stat(Endpoint endpoint) {
      record("stat " + endpoint);
      return new FileStatus("fifo", 0, 0600);
    }
  }

  /** process.spawn only: ends every child with the status it is given. */
  static class FakeChildren extends Recorder implements ChildProcesses {
    End end = new Exited(3);

    @Override
    public Child spawn(Spawn spawn) {
      record("spawn " + spawn);
      return new Child(4242, spawn.pipeStdin() ? new NamedEndpoint("to child") : null,
          spawn.pipeStdout() ? new NamedEndpoint("from child") : null);
    }

    @Override
    public End waitFor(long pid) throws IpcException {
      record("wait " + pid);
      if (pid != 4242) {
        throw new IpcException("ECHILD", "not a child");
      }
      return end;
    }
  }

  /** process.spawn and process.inherit. */
  static final class FakeInheritingChildren extends FakeChildren implements InheritingChildProcesses {
    @Override
    public Child spawn(Spawn spawn, Endpoint stdin, Endpoint stdout, Map<String, Endpoint> inherit) {
      record("spawn inheriting " + spawn + " stdin=" + stdin + " stdout=" + stdout + " inherit=" + inherit);
      return new Child(4243, null, spawn.pipeStdout() ? new NamedEndpoint("from child") : null);
    }
  }

  static final class FakeSignals extends Recorder implements SignalCatching {
    Consumer<Delivery> listener;

    @Override
    public void handle(String signal, Action action, Consumer<Delivery> listener) {
      record("handle " + signal + " " + action);
      this.listener = listener;
    }
  }

  static final class FakeTermination extends Recorder implements ProcessTermination {
    @Override
    public void probe(long pid) {
      record("probe " + pid);
    }

    @Override
    public void terminate(long pid) {
      record("terminate " + pid);
    }

    @Override
    public void kill(long pid) {
      record("kill " + pid);
    }
  }

  static final class FakeSending extends Recorder implements SignalSending, SignalQueue, SignalMask {
    @Override
    public void send(long pid, String signal) {
      record("send " + pid + " " + signal);
    }

    @Override
    public void queue(long pid, String signal, int value) {
      record("queue " + pid + " " + signal + " " + value);
    }

    @Override
    public void block(List<String> signals) {
      record("block " + signals);
    }

    @Override
    public void unblock(List<String> signals) {
      record("unblock " + signals);
    }

    @Override
    public List<String> pending() {
      record("pending");
      return List.of("SIGUSR1");
    }
  }
}
