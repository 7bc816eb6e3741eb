package org.ipcspec.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutants of the Agrona plugin, which alone claims the message rings and broadcast buffers: each
 * fails exactly the scenarios of the behaviour it breaks, so that every one of MP-28..MP-37 is
 * shown to test something.
 */
class RingMutantsTest extends MutantSensitivity {
  private static final String RINGS = "@requires:msg.ring or @requires:msg.broadcast";

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @CsvSource(delimiter = '|', value = {
      // a full ring takes the message and loses it: the filling scenario never sees EAGAIN
      "ring-full-accepts      | MP-30",
      // every type reads 1: every scenario that checks a type other than 1
      "ring-type-lost         | MP-28 MP-29 MP-30 MP-34 MP-35 MP-36 MP-37",
      // each message one byte short: every scenario that reads back a message's bytes
      "message-last-byte-lost | MP-28 MP-29 MP-30 MP-32 MP-34 MP-35 MP-36 MP-37",
      // an empty message instead of EAGAIN: every scenario that finds a ring empty or nothing new
      "ring-empty-not-told    | MP-30 MP-31 MP-32 MP-33 MP-35 MP-36",
      // a message too long is reported written
      "ring-size-unchecked    | MP-32",
      // type 0 goes in as 1
      "ring-type-unchecked    | MP-33",
      // the ring's file goes with its creator: the messages left behind are lost
      "ring-gone-with-writer  | MP-34",
      // each message in two halves: every scenario that reads a message of two bytes or more whole
      "ring-writes-split      | MP-28 MP-29 MP-30 MP-32 MP-34 MP-35",
      // the lapped receiver is not told
      "broadcast-loss-hidden  | MP-37"
  })
  void aMutantOfAgronaFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String expectedFailures) throws Exception {
    aMutantFailsExactly("fixtures/agrona-mutants/", mutant, RINGS, expectedFailures);
  }
}
