package org.ipcspec.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutants that break signals and shared memory: counting, masking, refusals, actions, exit statuses, visibility, names, sizes. */
class SignalAndStoreMutantsTest extends MutantSensitivity {
  @ParameterizedTest(name = "{0} fails exactly {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      // each signal reported twice: every scenario that counts deliveries
      "signal-twice      | @signal | SIG-01 SIG-02 SIG-03 SIG-05 SIG-12 SIG-13 SIG-14",
      // blocking is not done: the scenarios of pending, coalesced and queued signals
      "mask-ignored      | @signal | SIG-12 SIG-13 SIG-14",
      // a refused kill(2) reported as sent: the ESRCH and EPERM scenarios
      "send-errors-hidden | @signal | SIG-10 SIG-11 SIG-18 SIG-19",
      // catch and ignore acknowledged but not set: the signal takes its default action. A death by a
      // signal the agent said it would catch is a FAIL, even while an operation is pending
      "signal-actions-ignored | @signal | SIG-01 SIG-02 SIG-03 SIG-05 SIG-06 SIG-08 SIG-12 SIG-13 SIG-14",
      // death by a signal reads as exit status 0: every scenario that says which signal ended a process
      "death-by-signal-hidden | @signal | SIG-04 SIG-07 SIG-09 SIG-15 SIG-16 SIG-17",
      // MAP_PRIVATE instead of MAP_SHARED: every store another process must see; and a private
      // mapping needs no write access, so the EACCES of a read-only descriptor goes too
      "shared-as-private | @shared-memory | SHM-02 SHM-03 SHM-04 SHM-05 SHM-11 SHM-12 SHM-14",
      // shm_unlink not done: the name stays
      "shm-unlink-ignored | @shared-memory | SHM-10",
      // opening a missing object creates it: the scenarios where a name must be absent
      "open-creates      | @shared-memory | SHM-08 SHM-10",
      // MAP_PRIVATE made MAP_SHARED, anonymous memory from one common file: the private scenarios
      "private-as-shared | @shared-memory | SHM-01 SHM-06",
      // a new object one page long: the scenario of the empty new object
      "shm-born-sized    | @shared-memory | SHM-07"
  })
  void aMutantFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String feature, String expectedFailures) throws Exception {
    aMutantFailsExactly(mutant, feature, expectedFailures);
  }
}
