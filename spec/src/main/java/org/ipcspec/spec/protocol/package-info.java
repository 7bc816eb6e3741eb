/**
 * The driver protocol, version 1: the JSON-lines messages that pass between the suite and an
 * agent, and the names of operations, capabilities and error codes. The prose specification is
 * {@code spec/PROTOCOL.md}; these types are its Java form, shared by the suite and the JVM agent host.
 */
package org.ipcspec.spec.protocol;
