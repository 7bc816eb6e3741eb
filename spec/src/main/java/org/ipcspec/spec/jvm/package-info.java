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
 * </table>
 *
 * <p>Some capabilities presuppose others, and the host refuses to start when one is found without
 * the other: {@code process.inherit} needs {@code process.spawn} (which serves {@code
 * process.wait}), {@code signal.info} needs {@code signal.catch}. A {@code signal.send}
 * implementation also serves {@code SIGTERM}, {@code SIGKILL} and {@code 0} without claiming
 * {@code signal.terminate}; register it as {@link org.ipcspec.spec.jvm.ProcessTermination} too to
 * claim both.
 *
 * <p>{@link org.ipcspec.spec.jvm.InheritedHandles} claims nothing: it tells a child's host which
 * handles it inherited. Every agent also has the predefined handles {@code stdin} and {@code
 * stdout}, its descriptors 0 and 1, which the host itself provides.
 */
package org.ipcspec.spec.jvm;
