package org.ipcspec.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutants that break signals, shared memory and message queues: counting, masking, refusals, visibility, names, priority and type. */
class SignalAndStoreMutantsTest extends MutantSensitivity {
  @ParameterizedTest(name = "{0} fails exactly {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      // each signal reported twice: every scenario that counts deliveries
      "signal-twice      | @signal | SIG-01 SIG-02 SIG-03 SIG-05 SIG-12 SIG-13 SIG-14",
      // blocking is not done: the scenarios of pending, coalesced and queued signals
      "mask-ignored      | @signal | SIG-12 SIG-13 SIG-14",
      // a refused kill(2) reported as sent: the ESRCH and EPERM scenarios
      "send-errors-hidden | @signal | SIG-10 SIG-11 SIG-18 SIG-19",
      // catch and ignore acknowledged but not set: the caught signal takes its default action. Among
      // the scenarios where the death comes while no operation is pending (else it reads ERROR)
      "signal-actions-ignored | @SIG-01 or @SIG-02 or @SIG-03 or @SIG-04 or @SIG-05 or @SIG-08 | SIG-01 SIG-02 SIG-03 SIG-05 SIG-08",
      // MAP_PRIVATE instead of MAP_SHARED: every store another process must see; and a private
      // mapping needs no write access, so the EACCES of a read-only descriptor goes too
      "shared-as-private | @shared-memory | SHM-02 SHM-03 SHM-04 SHM-05 SHM-11 SHM-12 SHM-14",
      // shm_unlink not done: the name stays
      "shm-unlink-ignored | @shared-memory | SHM-10",
      // opening a missing object creates it: the scenarios where a name must be absent
      "open-creates      | @shared-memory | SHM-08 SHM-10",
      // every message of priority 0: the priority scenario
      "priority-ignored  | @message-passing | MP-04",
      // the first message whatever the type asked for: every receive by type
      "type-ignored      | @message-passing | MP-15 MP-16 MP-18 MP-20"
  })
  void aMutantFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String feature, String expectedFailures) throws Exception {
    aMutantFailsExactly(mutant, feature, expectedFailures);
  }
}
