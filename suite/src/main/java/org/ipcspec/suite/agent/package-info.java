/**
 * Agents as the suite sees them: a separate OS process per participant, its control connection,
 * the operations in flight, and the history of everything that passed.
 */
package org.ipcspec.suite.agent;
