@fifo @requires:fifo
Feature: FIFOs (named pipes)
  A FIFO is a pipe with a name: an entry in the filesystem that any process allowed to open it
  can use, whether or not it is related to the process that made it. The bytes themselves never
  touch the disk: the kernel keeps them in a buffer while they pass from writer to reader.

  Every participant below (alice, bob, carol, dave) is a separate OS process, started by the
  suite and driven through its agent. Names such as "chan" are FIFOs in a directory that the
  scenario's participants share. The source article names the creating command `mknode npipe P`:
  that is a typo for `mknod npipe p` (or `mkfifo npipe`); the scenarios use the system calls.

  @FIFO-01 @must @SEED-FIFO-1 @SEED-FIFO-3 @SEED-FIFO-4 @mkfifo(3) @fifo(7) @requires:fifo.create @requires:fs.stat
  Scenario: mkfifo makes a filesystem entry of type FIFO, with the permission bits asked for
    As for any file mkfifo creates, the process's umask clears bits of the mode asked for.

    Given participant alice
    When alice creates the FIFO "chan" with mkfifo and mode 0640
    Then alice sees "chan" as a FIFO with mode 0640 less the umask, and size 0

  @FIFO-02 @must @SEED-FIFO-3 @mknod(2) @requires:fifo.create @requires:fs.stat
  Scenario: mknod with the FIFO file type makes the same kind of entry
    Given participant alice
    When alice creates the FIFO "chan" with mknod and mode 0600
    Then alice sees "chan" as a FIFO with mode 0600 less the umask, and size 0

  @FIFO-03 @must @SEED-FIFO-4 @SEED-FIFO-2 @fifo(7) @requires:fs.stat
  Scenario: A FIFO reports size 0 even while data waits in it
    The data in transit lives in a kernel buffer, not in the file: a listing keeps showing an
    empty file until the reader has taken everything, and after.

    Given participants alice, bob and carol
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When alice writes 1000 bytes to "chan"
    Then carol sees "chan" as a FIFO of size 0
    And bob reads 1000 bytes from "chan"
    And carol sees "chan" as a FIFO of size 0

  @FIFO-04 @must @SEED-FIFO-2 @SEED-PIPE-3 @pipe(7)
  Scenario: Bytes come out in the order they went in, across many writes
    Given participants alice and bob
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When alice writes the numbered lines 1 to 200 to "chan", one write each
    And alice closes "chan"
    Then bob reads the numbered lines 1 to 200 from "chan", in order
    And bob reads end-of-file from "chan"

  @FIFO-05 @must @SEED-FIFO-5 @SEED-IPC-1 @fifo(7)
  Scenario: Two unrelated processes exchange data through the FIFO's name alone
    Neither process is the parent of the other: all they share is the path of the FIFO.

    Given participants alice and bob
    And the harness has made the FIFO "chan"
    Then alice and bob are unrelated processes
    When bob has opened "chan" for reading and alice has opened it for writing
    And alice writes "ping from alice" to "chan"
    Then bob reads "ping from alice" from "chan"

  @FIFO-06 @must @fifo(7) @open(2)
  Scenario: Opening for reading blocks until a writer opens the other end
    Given participants alice and bob
    And the harness has made the FIFO "chan"
    When bob starts opening "chan" for reading
    Then bob's open of "chan" is still blocked
    When alice opens "chan" for writing
    Then bob's open of "chan" completes

  @FIFO-07 @must @fifo(7) @open(2)
  Scenario: Opening for writing blocks until a reader opens the other end
    Given participants alice and bob
    And the harness has made the FIFO "chan"
    When alice starts opening "chan" for writing
    Then alice's open of "chan" is still blocked
    When bob opens "chan" for reading
    Then alice's open of "chan" completes

  @FIFO-08 @must @fifo(7) @open(2) @requires:fifo.nonblocking
  Scenario: A non-blocking open for writing fails with ENXIO while nobody reads
    Given participant alice
    And the harness has made the FIFO "chan"
    When alice opens "chan" for writing without blocking
    Then that open fails with ENXIO

  @FIFO-09 @must @fifo(7) @open(2) @pipe(7) @read(2) @requires:fifo.nonblocking
  Scenario: A non-blocking open for reading succeeds at once with no writer
    Given participant bob
    And the harness has made the FIFO "chan"
    When bob opens "chan" for reading without blocking
    Then that open succeeds
    And bob reads end-of-file from "chan"

  @FIFO-10 @must @pipe(7) @read(2)
  Scenario: The reader sees end-of-file once the last writer has closed, and not before
    A FIFO can have several writers. While any of them keeps its end open, a reader that has
    taken all the data waits for more; end-of-file comes only when every write end is closed.

    Given participants alice, bob and carol
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    And carol opens "chan" for writing
    When alice writes "last words" to "chan"
    And alice closes "chan"
    Then bob reads "last words" from "chan"
    When bob starts reading from "chan"
    Then bob's read of "chan" is still blocked
    When carol closes "chan"
    Then bob's read of "chan" completes with end-of-file

  @FIFO-11 @must @pipe(7) @write(2) @fifo(7)
  Scenario: Writing when no reader is left fails with EPIPE
    The writer is also sent SIGPIPE, which ends a process by default; an agent ignores that
    signal so that the failed write is what it reports.

    Given participants alice and bob
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When bob closes "chan"
    And alice tries to write "anyone there?" to "chan"
    Then that write fails with EPIPE

  @FIFO-12 @must @pipe(7) @write(2)
  Scenario: Writes of at most PIPE_BUF bytes from several writers are never interleaved
    POSIX makes a write of at most PIPE_BUF bytes to a pipe or FIFO atomic: its bytes arrive
    together, never mixed with another writer's. PIPE_BUF is 4096 on Linux (POSIX asks for at
    least 512). Each writer fills its records with its own letter, so a mixed record shows.

    Given participants alice, bob, carol and dave
    And the harness has made the FIFO "chan"
    And dave has opened "chan" for reading and alice, bob and carol have opened it for writing
    When alice, bob and carol each write 150 records of 4096 bytes to "chan" at the same time
    Then dave reads all 450 records from "chan", none of them interleaved

  @FIFO-13 @must @SEED-FIFO-1 @SEED-FIFO-2 @fifo(7) @pipe(7)
  Scenario: The FIFO outlives its processes, the data in it does not
    The name stays in the filesystem like any file. The data does not: once no process has the
    FIFO open any more, the kernel discards what was never read, so new users start empty.

    Given participants alice, bob, carol and dave
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When alice writes "stale" to "chan"
    And alice exits
    And bob exits
    And dave has opened "chan" for reading and carol has opened it for writing
    And carol writes "fresh" to "chan"
    And carol closes "chan"
    Then dave reads "fresh" from "chan"
    And dave reads end-of-file from "chan"

  @FIFO-14 @must @SEED-FIFO-1 @mkfifo(3) @unlink(2) @requires:fifo.create @requires:fs.stat @requires:fs.unlink
  Scenario: The FIFO stays after its creator exits, until it is unlinked
    Given participants alice and bob
    When alice creates the FIFO "chan" with mkfifo and mode 0600
    And alice exits
    Then bob sees "chan" as a FIFO with mode 0600 less the umask, and size 0
    When bob removes "chan"
    Then bob finds no "chan"

  @FIFO-15 @must @mkfifo(3) @requires:fifo.create
  Scenario: Creating a FIFO where a name already exists fails with EEXIST
    Given participants alice and bob
    When alice creates the FIFO "chan" with mkfifo and mode 0600
    And bob tries to create the FIFO "chan" with mkfifo and mode 0600
    Then that creation fails with EEXIST

  @FIFO-16 @should @pipe(7) @write(2)
  Scenario: A full FIFO blocks its writer until the reader makes room
    A FIFO has a limited capacity (64 KiB on Linux). A writer that fills it waits; reading
    lets it go on.

    Given participants alice and bob
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When alice starts writing 1048576 bytes to "chan"
    Then alice's write to "chan" is still blocked
    When bob reads 1048576 bytes from "chan"
    Then alice's write to "chan" completes

  @FIFO-17 @should @pipe(7) @read(2) @requires:fifo.nonblocking
  Scenario: A non-blocking read of an empty FIFO with a writer fails with EAGAIN
    Given participants alice and bob
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading without blocking
    And alice opens "chan" for writing
    When bob tries to read from "chan"
    Then that read fails with EAGAIN

  @FIFO-18 @should @SEED-PIPE-2 @pipe(7) @write(2)
  Scenario: Data flows one way: the read end cannot be written
    Given participants alice and bob
    And the harness has made the FIFO "chan"
    And bob has opened "chan" for reading and alice has opened it for writing
    When bob tries to write "backwards" to "chan"
    Then that write fails with EBADF

  @FIFO-19 @isolation @must @SEED-FIFO-5 @SEED-IPC-1 @fifo(7) @pid_namespaces(7) @requires:fifo
  Scenario: A FIFO joins processes that cannot even name each other
    Each process has a PID namespace of its own, so neither can see the other's process id; all
    they share is the folder where the FIFO has its name.

    Given participants alice and bob, in separate PID namespaces
    And the harness has made the FIFO "chan"
    Then alice and bob are in different PID namespaces
    And alice and bob are unrelated processes
    When bob has opened "chan" for reading and alice has opened it for writing
    And alice writes "across namespaces" to "chan"
    Then bob reads "across namespaces" from "chan"
