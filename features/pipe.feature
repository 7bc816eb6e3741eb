@pipe
Feature: Anonymous pipes
  A pipe is a one-way channel made by the pipe system call: bytes written into its write end come
  out of its read end, first in, first out. It has no name, so only processes that inherit its
  descriptors can use it: a parent and the children it starts. This is how a shell connects the
  output of one command to the input of the next.

  The source article says a pipe goes through a temporary intermediate file. On current Unix
  systems it does not: the data wait in a kernel buffer and no file appears anywhere (PIPE-14).

  Participants are separate OS processes. A child (kid, producer, consumer) is started by its
  parent through the implementation, and inherits from it what the scenario says. "stdin" and
  "stdout" are a child's standard input and output; in a parent, a child's name ("kid") stands
  for the parent's end of the pipe to or from that child.

  @PIPE-01 @must @SEED-PIPE-1 @SEED-PIPE-2 @pipe(7) @requires:process.spawn
  Scenario: A parent's output flows into its child's input through a pipe
    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    Then kid is a child of alice
    When alice writes "hello, kid" to "kid"
    Then kid reads "hello, kid" from "stdin"

  @PIPE-02 @must @SEED-PIPE-1 @SEED-PIPE-2 @pipe(7) @requires:process.spawn
  Scenario: A child's output flows back to its parent through a pipe
    Given participant alice
    And alice has spawned the child kid, with a pipe from its standard output
    When kid writes "report from kid" to "stdout"
    Then alice reads "report from kid" from "kid"
    When kid closes "stdout"
    Then alice reads end-of-file from "kid"

  @PIPE-03 @must @SEED-PIPE-2 @pipe(7) @pipe(2) @read(2) @write(2) @requires:pipe
  Scenario: Data flow one way: the write end cannot be read, the read end cannot be written
    Given participant alice
    And alice has created the pipe "p"
    When alice tries to read from the write end of "p"
    Then that read fails with EBADF
    When alice tries to write "backwards" to the read end of "p"
    Then that write fails with EBADF

  @PIPE-04 @must @SEED-PIPE-3 @pipe(7) @requires:process.spawn
  Scenario: Bytes come out in the order they went in, across many writes
    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    When alice writes the numbered lines 1 to 200 to "kid", one write each
    And alice closes "kid"
    Then kid reads the numbered lines 1 to 200 from "stdin", in order
    And kid reads end-of-file from "stdin"

  @PIPE-05 @must @SEED-PIPE-3 @pipe(7) @requires:process.spawn
  Scenario: A pipe keeps no message boundaries: one read takes the bytes of several writes
    A pipe carries a stream of bytes, not messages: two writes waiting in it come out of one
    read as one run of bytes.

    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    When alice writes "abc" to "kid"
    And alice writes "def" to "kid"
    Then kid's next read from "stdin" returns "abcdef" at once

  @PIPE-06 @must @pipe(7) @read(2) @requires:process.spawn
  Scenario: The reader sees end-of-file once the writer has closed
    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    When kid starts reading from "stdin"
    Then kid's read of "stdin" is still blocked
    When alice closes "kid"
    Then kid's read of "stdin" completes with end-of-file

  @PIPE-07 @must @pipe(7) @fork(2) @requires:pipe @requires:process.spawn @requires:process.inherit
  Scenario: A forgotten duplicate of the write end keeps the reader waiting for ever
    A child inherits both ends of its parent's pipe. End-of-file comes only when every write
    end is closed, the child's own copy included: a reader that keeps its write end open waits
    for data that will never come. Closing unused ends is the classic rule of pipe programs.

    Given participant alice
    And alice has created the pipe "p"
    And alice has spawned the child kid, which inherits "p"
    When alice closes the write end of "p"
    And kid starts reading from "p"
    Then kid's read of "p" is still blocked
    When kid closes the write end of "p"
    Then kid's read of "p" completes with end-of-file

  @PIPE-08 @must @pipe(7) @write(2) @requires:process.spawn
  Scenario: Writing when no reader is left fails with EPIPE
    The writer is also sent SIGPIPE, whose default action ends it; an agent ignores that signal
    until a scenario asks otherwise (PIPE-09), so that the failed write is what it reports.

    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    When kid closes "stdin"
    And alice tries to write "anyone there?" to "kid"
    Then that write fails with EPIPE

  @PIPE-09 @must @SEED-SIG-1 @SEED-SIG-2 @pipe(7) @signal(7) @write(2) @requires:process.spawn @requires:signal.catch
  Scenario: With SIGPIPE's default action, writing to a pipe nobody reads ends the writer
    Here the signal comes from the kernel, not from another process: it tells the writer that
    its write can never be read.

    Given participant alice
    And alice has spawned the child kid, with a pipe from its standard output
    When alice closes "kid"
    And kid restores the default action for SIGPIPE
    And kid tries to write "anyone there?" to "stdout"
    Then alice sees kid end, killed by SIGPIPE

  @PIPE-10 @must @pipe(7) @write(2) @requires:pipe @requires:process.spawn @requires:process.inherit
  Scenario: Writes of at most PIPE_BUF bytes from several writers are never interleaved
    PIPE_BUF is 4096 on Linux (POSIX asks for at least 512). Each writer fills its records with
    its own letter, so a record mixed from two writers shows.

    Given participant alice
    And alice has created the pipe "p"
    And alice has spawned the child kid1, which inherits "p"
    And alice has spawned the child kid2, which inherits "p"
    When kid1 and kid2 each write 150 records of 4096 bytes to "p" at the same time
    Then alice reads all 300 records from "p", none of them interleaved

  @PIPE-11 @must @pipe(7) @read(2) @fcntl(2) @requires:pipe @requires:pipe.nonblocking
  Scenario: A non-blocking read of an empty pipe fails with EAGAIN
    Given participant alice
    And alice has created the pipe "p"
    And alice has made the read end of "p" non-blocking
    When alice tries to read from "p"
    Then that read fails with EAGAIN

  @PIPE-12 @must @pipe(7) @write(2) @requires:pipe @requires:pipe.nonblocking
  Scenario: A non-blocking write of at most PIPE_BUF bytes into a nearly full pipe writes nothing
    Up to PIPE_BUF bytes a non-blocking write is all or nothing: when the pipe lacks room for all
    of it, it fails with EAGAIN and not one of its bytes goes in, even if some would fit. Blocks
    of 1000 bytes leave a little room when the pipe stops taking them.

    Given participant alice
    And alice has created the pipe "p"
    And alice has made the write end of "p" non-blocking
    And alice has filled "p" with blocks of 1000 bytes until a write fails with EAGAIN
    When alice tries to write 512 bytes to "p"
    Then that write fails with EAGAIN
    And alice reads back exactly the bytes that filled "p"

  @PIPE-13 @must @pipe(7) @write(2) @requires:process.spawn
  Scenario: A full pipe blocks its writer until the reader makes room
    A pipe has a limited capacity (64 KiB on Linux). A writer that fills it waits; reading
    lets it go on.

    Given participant alice
    And alice has spawned the child kid, with a pipe to its standard input
    When alice starts writing 1048576 bytes to "kid"
    Then alice's write to "kid" is still blocked
    When kid reads 1048576 bytes from "stdin"
    Then alice's write to "kid" completes

  @PIPE-14 @must @SEED-PIPE-4 @SEED-PIPE-3 @pipe(2) @fstat(2) @requires:pipe @requires:handle.stat
  Scenario: The pipe system call makes a nameless FIFO: no file appears for it
    The article says a pipe uses a temporary file. It does not: fstat calls each end a FIFO, and
    not one new entry appears in any folder the participants use (their temporary folder, TMPDIR,
    included), even while data wait.

    Given participant alice
    And alice has created the pipe "p"
    When alice writes "in transit" to "p"
    Then alice sees the read end of "p" as a FIFO
    And alice sees the write end of "p" as a FIFO
    And no file has appeared in any folder of the scenario
    And alice reads "in transit" from "p"

  @PIPE-15 @must @SEED-PIPE-1 @pipe(7) @requires:process.spawn @requires:process.inherit
  Scenario: A pipeline: one child's output is another child's input
    As a shell runs "producer | consumer": the parent makes the pipe, gives its write end to
    the producer as standard output and its read end to the consumer as standard input, and
    keeps neither.

    Given participant alice
    And alice has spawned the child producer, with a pipe from its standard output
    And alice has spawned the child consumer, whose standard input is "producer"
    When alice closes "producer"
    And producer writes "through the pipeline" to "stdout"
    Then consumer reads "through the pipeline" from "stdin"
    When producer exits
    Then consumer reads end-of-file from "stdin"
