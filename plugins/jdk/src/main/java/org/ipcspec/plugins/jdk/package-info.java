/**
 * The JDK plugin: FIFOs through {@link java.nio.channels.FileChannel}, files through
 * {@link java.nio.file.Files}. Where the JDK has no API (creating a FIFO, opening one without
 * blocking) the plugin claims nothing rather than call an outside program.
 */
package org.ipcspec.plugins.jdk;
