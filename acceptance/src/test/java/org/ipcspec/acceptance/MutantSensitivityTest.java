package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each mutant breaks one documented behaviour of the reference: it must FAIL exactly the
 * scenarios that state that behaviour, and PASS every other one. A scenario that passes against
 * the reference is thereby shown to test something.
 */
class MutantSensitivityTest extends LeavesNothingBehind {
  @TempDir Path out;

  @ParameterizedTest(name = "{0} fails exactly {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      // stat says a FIFO holds data: every scenario that states size 0 (SEED-FIFO-4)
      "fifo-size-nonzero | @fifo | FIFO-01 FIFO-02 FIFO-03 FIFO-14",
      // bytes out of order: every scenario that reads back more than one byte it wrote
      "swap-halves       | @fifo | FIFO-03 FIFO-04 FIFO-05 FIFO-10 FIFO-13 FIFO-16",
      // writes not atomic: the PIPE_BUF scenario, and only it
      "split-writes      | @fifo | FIFO-12",
      // end-of-file never comes: every FIFO scenario that reads it
      "no-end-of-file    | @fifo | FIFO-04 FIFO-09 FIFO-10 FIFO-13",
      // the last byte of each write is lost (children run the plain reference: only the parent's writes lose it)
      "drop-last-byte    | @pipe | PIPE-01 PIPE-04 PIPE-05 PIPE-12 PIPE-13 PIPE-14",
      // O_NONBLOCK is not set: the scenarios of non-blocking reads and writes
      "nonblocking-ignored | @pipe | PIPE-11 PIPE-12",
      // each signal reported twice: every scenario that counts deliveries
      "signal-twice      | @signal | SIG-01 SIG-02 SIG-03 SIG-05 SIG-12 SIG-13 SIG-14",
      // blocking is not done: the scenarios of pending, coalesced and queued signals
      "mask-ignored      | @signal | SIG-12 SIG-13 SIG-14",
      // a refused kill(2) reported as sent: the ESRCH and EPERM scenarios
      "send-errors-hidden | @signal | SIG-10 SIG-11 SIG-18 SIG-19",
      // a server's writes are swallowed: every scenario where the server answers, or learns the peer is gone
      "socket-one-way    | @socket | SOCK-01 SOCK-02 SOCK-18 SOCK-23 SOCK-24",
      // descriptors left out of socket.send: the SCM_RIGHTS scenario
      "rights-dropped    | @socket | SOCK-30",
      // datagrams without a source address: the scenarios of the sender's identity
      "sender-hidden     | @socket | SOCK-10 SOCK-11",
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
    // The @isolation scenarios need containers: ContainerIsolationTest runs their mutants.
    VerificationResult result = verify(Bundled.plugin("fixtures/mutants/" + mutant), out, "(" + feature.trim() + ") and not @isolation", 1.0);

    Map<Verdict, Set<String>> verdicts = Bundled.byVerdict(result);
    assertThat(verdicts).as("verdicts of " + mutant).containsOnlyKeys(Verdict.PASS, Verdict.FAIL);
    assertThat(verdicts.get(Verdict.FAIL)).containsExactlyInAnyOrder(expectedFailures.trim().split(" "));
    assertThat(result.certified()).isFalse();
  }
}
