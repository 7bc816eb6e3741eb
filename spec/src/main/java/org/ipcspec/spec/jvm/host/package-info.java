/** The generic agent that serves the driver protocol over any JVM plugin's SPI implementations. */
package org.ipcspec.spec.jvm.host;
