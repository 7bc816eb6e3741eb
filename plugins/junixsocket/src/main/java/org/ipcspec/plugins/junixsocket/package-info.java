/**
 * The junixsocket plugin: UNIX-domain sockets through junixsocket ({@code
 * com.kohlschutter.junixsocket}): stream and datagram sockets, socket pairs, the peer's
 * credentials, descriptors passed with SCM_RIGHTS, and its pipes, whose descriptors can be
 * passed. Its channels extend java.nio's, so the sockets are {@code org.ipcspec.plugins.nio}'s on
 * junixsocket's channels, with junixsocket's extensions on top. README.md records the verdicts.
 */
package org.ipcspec.plugins.junixsocket;
