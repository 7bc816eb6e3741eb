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
 * </table>
 */
package org.ipcspec.spec.jvm;
