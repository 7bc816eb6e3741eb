/** Plugins: their descriptors ({@code ipcspec-plugin.json}), how they are validated and found. */
package org.ipcspec.suite.plugin;
