package org.ipcspec.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutants that break FIFOs, pipes and sockets: order, boundaries, end-of-file, atomicity, both ways, senders, descriptors. */
class ChannelMutantsTest extends MutantSensitivity {
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
      // the last byte of each write is lost: every pipe scenario that reads back what was written
      "drop-last-byte    | @pipe | PIPE-01 PIPE-02 PIPE-04 PIPE-05 PIPE-10 PIPE-12 PIPE-13 PIPE-14 PIPE-15",
      // close(2) not done: end-of-file and EPIPE never come, and a kept end keeps a reader waiting
      "close-leaks       | @pipe | PIPE-02 PIPE-04 PIPE-06 PIPE-07 PIPE-08 PIPE-09",
      // the parent keeps its child's end of each new pipe: the child's end-of-file or EPIPE never comes
      "pipe-ends-kept    | @pipe | PIPE-02 PIPE-08 PIPE-15",
      // O_NONBLOCK is not set: the scenarios of non-blocking reads and writes
      "nonblocking-ignored | @pipe | PIPE-11 PIPE-12",
      // a server's writes are swallowed: every scenario where the server answers, or learns the peer is gone
      "socket-one-way    | @socket | SOCK-01 SOCK-02 SOCK-18 SOCK-23 SOCK-24",
      // descriptors left out of socket.send: the SCM_RIGHTS scenario
      "rights-dropped    | @socket | SOCK-30",
      // datagrams without a source address: the scenarios of the sender's identity
      "sender-hidden     | @socket | SOCK-10 SOCK-11",
      // every FIFO open made non-blocking: the opens that must wait (others fail or not depending
      // on which end opens first, so they are left out of this exact count)
      "fifo-open-nonblocking | @FIFO-01 or @FIFO-06 or @FIFO-07 | FIFO-06 FIFO-07",
      // every errno read EIO: the scenarios that name the error
      "errors-generic    | @fifo | FIFO-08 FIFO-11 FIFO-14 FIFO-15 FIFO-17 FIFO-18",
      // the peer's pid off by one: the peer-credentials scenario (among the UNIX stream ones)
      "peer-pid-wrong    | @socket and @requires:socket.unix.stream | SOCK-19",
      // a bound socket says it has no name: the address scenarios (every client that connects to
      // the reported address fails too, so the rest of @socket is left out of this exact count)
      "local-address-hidden | @SOCK-03 or @SOCK-04 or @SOCK-05 or @SOCK-06 | SOCK-03 SOCK-04 SOCK-06",
      // a peer's port without ntohs: the scenarios where a receiver learns the sender's port
      "peer-port-byte-order | @socket | SOCK-11 SOCK-25"
  })
  void aMutantFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String feature, String expectedFailures) throws Exception {
    aMutantFailsExactly(mutant, feature, expectedFailures);
  }
}
