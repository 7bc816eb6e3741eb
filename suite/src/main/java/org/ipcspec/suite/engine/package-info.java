/**
 * The engine: runs the features with Cucumber on the JUnit Platform against one plugin, turns
 * each scenario's outcome into a verdict, and decides the run's exit code.
 */
package org.ipcspec.suite.engine;
