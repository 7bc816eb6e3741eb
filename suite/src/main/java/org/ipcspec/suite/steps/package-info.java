/**
 * Step definitions: the vocabulary the features are written in. They are generic: they speak
 * the driver protocol to agents, never a plugin's own API.
 */
package org.ipcspec.suite.steps;
