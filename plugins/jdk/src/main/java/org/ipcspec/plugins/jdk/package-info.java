/**
 * The JDK plugin: IPC with nothing but the JDK's own API. FIFOs through {@link
 * java.nio.channels.FileChannel}, files through {@link java.nio.file.Files}, pipes through {@link
 * java.nio.channels.Pipe}, child processes through {@link java.lang.ProcessBuilder}, signals
 * through {@code sun.misc.Signal} (module jdk.unsupported) and {@link java.lang.ProcessHandle}.
 * Where the JDK has no API (creating a FIFO, opening one without blocking, fstat of a channel,
 * passing descriptors to a child, sending arbitrary signals, signal masks and queues) the plugin
 * claims nothing rather than call an outside program or native code. README.md records what the
 * JDK does and lacks.
 */
package org.ipcspec.plugins.jdk;
