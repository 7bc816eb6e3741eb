/**
 * The Java SPI: how a JVM implementation plugs into ipcspec without speaking JSON.
 *
 * <p>Implement one interface per capability you claim, register each with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/<interface name>}), provide one {@link
 * org.ipcspec.spec.jvm.ImplementationInfo}, and start {@link
 * org.ipcspec.spec.jvm.host.JvmAgentHost} as your agent's main class. The host claims exactly the
 * capabilities whose interfaces it finds:
 *
 * <table>
 *   <caption>Interfaces and the capabilities they claim</caption>
 *   <tr><th>interface</th><th>capability</th></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.Fifos}</td><td>{@code fifo}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.NonBlockingFifos}</td><td>{@code fifo.nonblocking}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.FifoMaker}</td><td>{@code fifo.create}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.FileStatusReader}</td><td>{@code fs.stat}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.FileRemover}</td><td>{@code fs.unlink}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.Pipes}</td><td>{@code pipe}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.NonBlockingSwitch}</td><td>{@code pipe.nonblocking}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.HandleStatusReader}</td><td>{@code handle.stat}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.ChildProcesses}</td><td>{@code process.spawn}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.InheritingChildProcesses}</td><td>{@code process.inherit}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SignalCatching}</td><td>{@code signal.catch}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SignalSenderInfo}</td><td>{@code signal.info}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SignalSending}</td><td>{@code signal.send}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.ProcessTermination}</td><td>{@code signal.terminate}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SignalMask}</td><td>{@code signal.mask}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SignalQueue}</td><td>{@code signal.queue}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.UnixStreamSockets}</td><td>{@code socket.unix.stream}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.UnixDatagramSockets}</td><td>{@code socket.unix.datagram}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.InetStreamSockets}</td><td>{@code socket.inet.stream}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.InetDatagramSockets}</td><td>{@code socket.inet.datagram}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SocketPairs}</td><td>{@code socket.pair}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.PeerCredentials}</td><td>{@code socket.peercred}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.DescriptorPassing}</td><td>{@code socket.rights}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.RegularFiles}</td><td>{@code fs.file}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SharedMemoryObjects}</td><td>{@code shm.posix}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.MemoryMapping}</td><td>{@code mmap}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.PosixMessageQueues}</td><td>{@code mq.posix}</td></tr>
 *   <tr><td>{@link org.ipcspec.spec.jvm.SystemVMessageQueues}</td><td>{@code msg.sysv}</td></tr>
 * </table>
 *
 * <p>Some capabilities presuppose others, and the host refuses to start when one is found without
 * the other: {@code process.inherit} needs {@code process.spawn} (which serves {@code
 * process.wait}), {@code signal.info} needs {@code signal.catch}. A {@code signal.send}
 * implementation also serves {@code SIGTERM}, {@code SIGKILL} and {@code 0} without claiming
 * {@code signal.terminate}; register it as {@link org.ipcspec.spec.jvm.ProcessTermination} too to
 * claim both.
 *
 * <p>What the host names by a handle is a {@link org.ipcspec.spec.jvm.Handle}: an {@link
 * org.ipcspec.spec.jvm.Endpoint} (a descriptor that {@code read} and {@code write} act on; a {@link
 * org.ipcspec.spec.jvm.SocketEndpoint} is one), a {@link org.ipcspec.spec.jvm.Mapping} or a {@link
 * org.ipcspec.spec.jvm.MessageQueue}. An operation given a handle of the wrong kind (a mapping to
 * {@code read}, a pipe to {@code socket.bind}) is answered {@code BAD_ARGS} by the host. The socket
 * operations other than {@code socket.create} and {@code socket.pair} belong to no single
 * capability: they act on the socket a handle names, whichever interface made it; {@code
 * socket.create} of a domain and type whose interface is not registered is {@code UNSUPPORTED_OP}.
 * An implementation that cannot perform one case of an operation it claims (its library has no call
 * for it) throws {@link java.lang.UnsupportedOperationException}: the host answers {@code
 * UNSUPPORTED_OP} with its message.
 *
 * <p>{@link org.ipcspec.spec.jvm.InheritedHandles} claims nothing: it tells a child's host which
 * handles it inherited. Every agent also has the predefined handles {@code stdin} and {@code
 * stdout}, its descriptors 0 and 1, which the host itself provides.
 */
package org.ipcspec.spec.jvm;
