package org.ipcspec.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutants that break message queues: whole messages, order, priority, type, waiting, sizes, identities. */
class QueueMutantsTest extends MutantSensitivity {
  @ParameterizedTest(name = "{0} fails exactly {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      // every message of priority 0: the priority scenario
      "priority-ignored  | @message-passing | MP-04",
      // the first message whatever the type asked for: every receive by type
      "type-ignored      | @message-passing | MP-15 MP-16 MP-18 MP-20",
      // each message one byte short: every scenario that reads back a message's text
      "message-last-byte-lost | @message-passing | MP-01 MP-02 MP-03 MP-04 MP-05 MP-06 MP-08 MP-09 MP-11 MP-14 MP-15 MP-16 MP-17 MP-18 MP-20 MP-21",
      // newest first within a priority: the scenarios that receive two or more messages of one priority in order
      "queue-lifo        | @message-passing | MP-02 MP-03 MP-04 MP-06",
      // no wait on a full or empty queue: the scenarios of blocked senders and receivers
      "queue-never-waits | @message-passing | MP-05 MP-06 MP-18 MP-21 MP-22",
      // the sizes asked for at creation left out: the scenarios that fill a queue or read its attributes
      "queue-attributes-ignored | @message-passing | MP-06 MP-07 MP-08 MP-10",
      // msg_lspid off by one: the last-sender scenario
      "last-sender-wrong | @message-passing | MP-17",
      // msgget reports the next identifier: every System V scenario where a second process opens the queue by key
      "queue-id-wrong    | @message-passing | MP-15 MP-16 MP-17 MP-18 MP-19 MP-20 MP-21 MP-22 MP-23"
  })
  void aMutantFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String feature, String expectedFailures) throws Exception {
    aMutantFailsExactly(mutant, feature, expectedFailures);
  }
}
