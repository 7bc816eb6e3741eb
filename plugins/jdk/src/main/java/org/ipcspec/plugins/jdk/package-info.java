/**
 * The JDK plugin: IPC with nothing but the JDK's own API. FIFOs, regular files and (on Linux,
 * through {@code /dev/shm}) POSIX shared memory objects through {@link
 * java.nio.channels.FileChannel}, mappings through {@link java.nio.channels.FileChannel#map} and
 * direct buffers, files through {@link java.nio.file.Files}, pipes through {@link
 * java.nio.channels.Pipe}, UNIX-domain and TCP stream sockets through {@link
 * java.nio.channels.SocketChannel} and {@link java.nio.channels.ServerSocketChannel}, UDP through
 * {@link java.nio.channels.DatagramChannel}, child processes through {@link
 * java.lang.ProcessBuilder}, signals through {@code sun.misc.Signal} (module jdk.unsupported) and
 * {@link java.lang.ProcessHandle}. Where the JDK has no API (creating a FIFO, opening one without
 * blocking, fstat of a channel, passing descriptors to a child, sending arbitrary signals, signal
 * masks and queues, UNIX-domain datagrams, socket pairs, the peer's pid, message queues, shared
 * anonymous memory) the plugin claims nothing rather than call an outside program or native code.
 * README.md records what the JDK does and lacks.
 */
package org.ipcspec.plugins.jdk;
