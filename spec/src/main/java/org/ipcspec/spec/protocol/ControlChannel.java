package org.ipcspec.spec.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One end of a control connection: whole messages in, whole messages out, one JSON line each.
 *
 * <p>It reads and writes the channel directly rather than through stream adapters: the JDK's
 * channel streams serialise a reader and a writer on one lock, and both sides of the protocol
 * read and write at the same time.
 */
public final class ControlChannel implements AutoCloseable {

  /** A line longer than this is a broken peer, not a message. */
  public static final int MAX_LINE_BYTES = 64 << 20;

  private final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(64 << 10);
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final Object writeLock = new Object();

  public ControlChannel(SocketChannel channel) {
    this.channel = channel;
    in.flip();
  }

  /** Sends one message as one line. Safe to call from several threads. */
  public void send(Message message) throws IOException {
    sendLine(MessageCodec.encode(message));
  }

  /** Sends a raw line; for tests and misbehaving fixtures that need to send what is not a message. */
  public void sendLine(String text) throws IOException {
    ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (writeLock) {
      while (out.hasRemaining()) {
        channel.write(out);
      }
    }
  }

  /** The next line, without its newline; null when the peer closed the connection. */
  public String receiveLine() throws IOException, ProtocolException {
    // Only one thread reads; the buffer needs no lock.
    while (true) {
      while (in.hasRemaining()) {
        byte b = in.get();
        if (b == '\n') {
          String text = line.toString(StandardCharsets.UTF_8);
          line.reset();
          return text;
        }
        line.write(b);
      }
      if (line.size() > MAX_LINE_BYTES) {
        throw new ProtocolException("a line longer than " + MAX_LINE_BYTES + " bytes without a newline");
      }
      in.clear();
      int n = channel.read(in);
      in.flip();
      if (n < 0) {
        if (line.size() > 0) {
          throw new ProtocolException("connection closed in the middle of a line: " + line.toString(StandardCharsets.UTF_8));
        }
        return null;
      }
    }
  }

  /** The next message; null when the peer closed the connection. */
  public Message receive() throws IOException, ProtocolException {
    String text = receiveLine();
    return text == null ? null : MessageCodec.decode(text);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
