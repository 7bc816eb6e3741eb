/**
 * What the JVM plugins share: sockets and errors over java.nio's channels, whichever library
 * makes the channels (the JDK, junixsocket). {@link org.ipcspec.plugins.nio.StreamSocket} keeps
 * the one descriptor of C behind java.nio's split into client and server channels, {@link
 * org.ipcspec.plugins.nio.Errno} names the system's errors from the exceptions' texts.
 */
package org.ipcspec.plugins.nio;
