package org.ipcspec.spec.jvm.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.DescriptorPassing;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.HandleStatusReader;
import org.ipcspec.spec.jvm.ImplementationInfo;
import org.ipcspec.spec.jvm.InetDatagramSockets;
import org.ipcspec.spec.jvm.InetStreamSockets;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.MemoryMapping;
import org.ipcspec.spec.jvm.MessageQueue;
import org.ipcspec.spec.jvm.NonBlockingSwitch;
import org.ipcspec.spec.jvm.OpenFlags;
import org.ipcspec.spec.jvm.PeerCredentials;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.PosixMessageQueues;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.RegularFiles;
import org.ipcspec.spec.jvm.SharedMemoryObjects;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalMask;
import org.ipcspec.spec.jvm.SignalQueue;
import org.ipcspec.spec.jvm.SignalSending;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.jvm.SocketPairs;
import org.ipcspec.spec.jvm.SocketType;
import org.ipcspec.spec.jvm.SystemVMessageQueues;
import org.ipcspec.spec.jvm.UnixStreamSockets;

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
  static class NamedEndpoint implements Endpoint {
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

  /**
   * UNIX stream, TCP and UDP sockets (no UNIX datagrams), socket pairs and peer credentials. Every
   * call on any of its sockets is recorded here, prefixed with the socket's name.
   */
  static final class FakeSockets extends Recorder
      implements UnixStreamSockets, InetStreamSockets, InetDatagramSockets, SocketPairs, PeerCredentials, DescriptorPassing {
    private int made;
    Address peer = new Address.Inet("127.0.0.1", 40000);
    SocketEndpoint.Received received = new SocketEndpoint.Received("hi".getBytes(StandardCharsets.US_ASCII), null, null, false);

    @Override
    public SocketEndpoint unixStreamSocket() {
      return socket("unix stream");
    }

    @Override
    public SocketEndpoint inetStreamSocket() {
      return socket("inet stream");
    }

    @Override
    public SocketEndpoint inetDatagramSocket() {
      return socket("inet datagram");
    }

    @Override
    public Pair pair(SocketType type) {
      record("pair " + type);
      return new Pair(new FakeSocket("pair-0"), new FakeSocket("pair-1"));
    }

    @Override
    public int send(SocketEndpoint socket, byte[] data, Address to, List<Endpoint> descriptors) {
      record("sendmsg " + socket + " " + new String(data, StandardCharsets.US_ASCII) + " to " + to + " rights " + descriptors);
      return data.length;
    }

    @Override
    public Credentials peer(SocketEndpoint socket) {
      record("peercred " + socket);
      return new Credentials(4242, 1000, 100);
    }

    private SocketEndpoint socket(String kind) {
      String name = kind + " #" + (++made);
      record("socket " + name);
      return new FakeSocket(name);
    }

    final class FakeSocket extends NamedEndpoint implements SocketEndpoint {
      FakeSocket(String name) {
        super(name);
      }

      @Override
      public Address bind(Address address) {
        record(name + " bind " + address);
        return address instanceof Address.Inet inet && inet.port() == 0 ? new Address.Inet(inet.host(), 33333) : address;
      }

      @Override
      public void listen(int backlog) {
        record(name + " listen " + backlog);
      }

      @Override
      public Accepted accept() {
        record(name + " accept");
        return new Accepted(new FakeSocket(name + " accepted"), peer);
      }

      @Override
      public void connect(Address address) throws IpcException {
        record(name + " connect " + address);
        if (address instanceof Address.Unix unix && unix.path().endsWith("nobody")) {
          throw new IpcException("ECONNREFUSED", "Connection refused");
        }
      }

      @Override
      public Address localAddress() {
        record(name + " local");
        return Address.Inet.ANY;
      }

      @Override
      public Address peerAddress() {
        record(name + " peer");
        return null;
      }

      @Override
      public int send(byte[] data, Address to) {
        record(name + " send " + new String(data, StandardCharsets.US_ASCII) + " to " + to);
        return data.length;
      }

      @Override
      public Received receive(int max) {
        record(name + " receive " + max);
        return received;
      }

      @Override
      public void shutdown(Shutdown how) {
        if (how == Shutdown.READ) {
          throw new UnsupportedOperationException("this fake cannot shut down reading");
        }
        record(name + " shutdown " + how);
      }
    }
  }

  /** Regular files, shared memory objects and mappings of byte arrays. */
  static final class FakeFiles extends Recorder implements RegularFiles, SharedMemoryObjects, MemoryMapping {
    @Override
    public Endpoint open(Path path, OpenFlags flags) {
      record("open " + path + " " + flags);
      return new NamedEndpoint("file " + path);
    }

    @Override
    public Endpoint open(String name, OpenFlags flags) {
      record("shm_open " + name + " " + flags);
      return new NamedEndpoint("shm " + name);
    }

    @Override
    public void unlink(String name) {
      record("shm_unlink " + name);
    }

    @Override
    public Mapping map(Endpoint object, long offset, long size, boolean writable, boolean shared) {
      record("map " + object + " offset=" + offset + " size=" + size + " writable=" + writable + " shared=" + shared);
      return new FakeMapping(size);
    }

    @Override
    public Mapping mapAnonymous(long size, boolean writable, boolean shared) {
      record("map anonymous size=" + size + " writable=" + writable + " shared=" + shared);
      if (shared) {
        throw new UnsupportedOperationException("no shared anonymous memory here");
      }
      return new FakeMapping(size);
    }

    @Override
    public void truncate(Endpoint object, long size) {
      record("truncate " + object + " " + size);
    }

    final class FakeMapping implements Mapping {
      final byte[] memory;
      boolean closed;

      FakeMapping(long size) {
        memory = new byte[(int) size];
      }

      @Override
      public long size() {
        return memory.length;
      }

      @Override
      public byte[] read(long offset, int length) throws IpcException {
        record("load " + offset + " " + length);
        if (offset >= 4096) {
          throw new IpcException("SIGBUS", "beyond the end of the object");
        }
        if (offset == 4000) {
          throw new InternalError("a fault occurred in an unsafe memory access operation");
        }
        return Arrays.copyOfRange(memory, (int) offset, (int) offset + length);
      }

      @Override
      public void write(long offset, byte[] data) {
        record("store " + offset + " " + new String(data, StandardCharsets.US_ASCII));
        System.arraycopy(data, 0, memory, (int) offset, data.length);
      }

      @Override
      public void close() {
        record("munmap");
        closed = true;
      }
    }
  }

  /** POSIX message queues of one queue, and System V queues that answer what they were asked. */
  static final class FakeQueues extends Recorder implements PosixMessageQueues, SystemVMessageQueues {
    @Override
    public MessageQueue open(String name, OpenFlags flags, Size size, boolean nonBlocking) {
      record("mq_open " + name + " " + flags + " " + size + " nonblocking=" + nonBlocking);
      return new MessageQueue() {
        @Override
        public void send(byte[] data, int priority) {
          record("mq_send " + new String(data, StandardCharsets.US_ASCII) + " " + priority);
        }

        @Override
        public Message receive(int max) {
          record("mq_receive " + max);
          return new Message("m".getBytes(StandardCharsets.US_ASCII), 7);
        }

        @Override
        public Attributes attributes() {
          record("mq_getattr");
          return new Attributes(10, 8192, 1, nonBlocking);
        }

        @Override
        public void close() {
          record("mq_close");
        }
      };
    }

    @Override
    public void unlink(String name) {
      record("mq_unlink " + name);
    }

    @Override
    public int get(int key, boolean create, boolean exclusive, int mode) {
      record("msgget " + key + " create=" + create + " exclusive=" + exclusive + " mode=" + Integer.toOctalString(mode));
      return 65536;
    }

    @Override
    public void send(int queue, long type, byte[] data, boolean noWait) {
      record("msgsnd " + queue + " " + type + " " + new String(data, StandardCharsets.US_ASCII) + " nowait=" + noWait);
    }

    @Override
    public SystemVMessageQueues.Message receive(int queue, long type, int max, boolean noWait, boolean noError) {
      record("msgrcv " + queue + " " + type + " " + max + " nowait=" + noWait + " noerror=" + noError);
      return new SystemVMessageQueues.Message(3, "x".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Status stat(int queue) {
      record("msgctl IPC_STAT " + queue);
      return new Status(1, 2, 16384, 4242, 0);
    }

    @Override
    public void remove(int queue) {
      record("msgctl IPC_RMID " + queue);
    }
  }
}
