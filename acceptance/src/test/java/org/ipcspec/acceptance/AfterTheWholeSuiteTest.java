package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs alone, after every other test of the build (its own surefire execution, last in the
 * acceptance module, which is last in the reactor): whatever the tests ran, crashed or killed,
 * nothing of ipcspec is left on the machine. Each test already checks its own runs; this one also
 * catches what escapes a test's view (a process re-parented to init, an object with another
 * run's name, a test that forgot to check).
 */
class AfterTheWholeSuiteTest {
  @Test
  void noAgentFolderOrKernelObjectIsLeftOnTheMachine() {
    assertThat(new MachineLeftovers().find()).as("left on the machine after the whole test suite").isEmpty();
  }
}
