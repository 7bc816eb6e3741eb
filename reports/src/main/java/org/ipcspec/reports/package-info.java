/**
 * The results of a certification run and the files they are written to: {@code summary.json}
 * (schema {@code ipcspec-summary/1}) and {@code junit.xml}.
 */
package org.ipcspec.reports;
