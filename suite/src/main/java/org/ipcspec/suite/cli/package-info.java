/** The {@code ipcspec} command line: {@code plugins} and {@code verify}. */
package org.ipcspec.suite.cli;
