@shared-memory
Feature: Shared memory
  Every process has its own address space: what it stores in its memory no other process sees.
  Shared memory is the exception it asks for: the operating system maps one region of physical
  memory into the address spaces of several processes, and from then on a store by one is a load
  away for the others, with no system call in between and no copy.

  On POSIX systems a process gets such a region in two ways here: a named shared memory object
  (shm_open(3), sized with ftruncate(2)) or a regular file, either mapped into memory with
  mmap(2) and MAP_SHARED. A mapping made with MAP_PRIVATE is copy-on-write: its stores stay in
  the process that made them. The objects live in the kernel: they are created and removed on
  request, and outlive the processes that use them until removed.

  Participants are separate OS processes. A quoted name ("board") is a shared memory object or a
  file that the scenario's participants share; "alice maps "board"" makes a mapping of her open
  "board", and offsets are counted from the start of that mapping.

  @SHM-01 @must @SEED-SHM-1 @SEED-IPC-1 @mmap(2) @requires:mmap
  Scenario: A process's own memory is its own
    Two processes each map private memory of the same size; what one stores, the other does not
    see, even at the same offset.

    Given participants alice and bob
    And alice has 4096 bytes of private memory "scratch"
    And bob has 4096 bytes of private memory "scratch"
    When alice stores "secret" at offset 0 of "scratch"
    Then alice loads "secret" from offset 0 of "scratch"
    And bob loads 6 zero bytes from offset 0 of "scratch"

  @SHM-02 @must @SEED-SHM-2 @SEED-SHM-3 @shm_overview(7) @shm_open(3) @requires:shm.posix @requires:mmap
  Scenario: A store into a shared memory object is seen by another process that maps it
    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board"
    When alice stores "hello, bob" at offset 0 of "board"
    Then bob loads "hello, bob" from offset 0 of "board"

  @SHM-03 @must @SEED-SHM-3 @shm_overview(7) @requires:shm.posix @requires:mmap
  Scenario: Stores go both ways, each to its own place in the region
    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board"
    When alice stores "from alice" at offset 0 of "board"
    And bob stores "from bob" at offset 2048 of "board"
    Then alice loads "from bob" from offset 2048 of "board"
    And bob loads "from alice" from offset 0 of "board"

  @SHM-04 @must @SEED-SHM-2 @SEED-SHM-3 @shm_overview(7) @requires:shm.posix @requires:mmap
  Scenario: Three processes share one region
    Given participants alice, bob and carol
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And carol opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board"
    And carol maps "board"
    When carol stores "seen by all" at offset 100 of "board"
    Then alice loads "seen by all" from offset 100 of "board"
    And bob loads "seen by all" from offset 100 of "board"

  @SHM-05 @must @SEED-SHM-2 @SEED-SHM-3 @mmap(2) @requires:fs.file @requires:mmap
  Scenario: A shared mapping of a file is shared memory, and its stores reach the file
    Given participants alice and bob
    And alice creates the file "data.bin" of 4096 bytes
    And bob opens the file "data.bin"
    And alice maps "data.bin"
    And bob maps "data.bin"
    When alice stores "in the file" at offset 0 of "data.bin"
    Then bob loads "in the file" from offset 0 of "data.bin"
    And bob reads "in the file" from "data.bin"

  @SHM-06 @must @mmap(2) @requires:shm.posix @requires:mmap
  Scenario: A private mapping keeps its stores to itself
    MAP_PRIVATE makes a copy-on-write mapping: a store lands in a private copy of the page,
    which neither the object nor other processes see.

    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board" privately
    When bob stores "private" at offset 0 of "board"
    Then bob loads "private" from offset 0 of "board"
    And alice loads 7 zero bytes from offset 0 of "board"

  @SHM-07 @must @SEED-SHM-4 @shm_open(3) @ftruncate(2) @requires:shm.posix @requires:mmap @requires:handle.stat
  Scenario: A new shared memory object is empty until it is sized, and its new bytes are zero
    Given participants alice and bob
    When alice creates the shared memory object "board"
    Then alice sees that "board" has 0 bytes
    When alice sizes "board" to 8192 bytes
    Then alice sees that "board" has 8192 bytes
    When bob opens the shared memory object "board"
    And bob maps "board"
    Then bob loads 16 zero bytes from offset 8176 of "board"

  @SHM-08 @must @SEED-SHM-4 @shm_open(3) @requires:shm.posix
  Scenario: Opening a shared memory object that nobody created fails with ENOENT
    Given participant bob
    When bob tries to open the shared memory object "nobody-made-it"
    Then that open fails with ENOENT

  @SHM-09 @must @SEED-SHM-4 @shm_open(3) @requires:shm.posix
  Scenario: Creating a shared memory object exclusively fails when the name is taken
    Given participants alice and bob
    And alice creates the shared memory object "board"
    When bob tries to create the shared memory object "board" exclusively
    Then that creation fails with EEXIST

  @SHM-10 @must @SEED-SHM-4 @shm_unlink(3) @requires:shm.posix
  Scenario: Removing a shared memory object removes its name
    Given participants alice and bob
    And alice creates the shared memory object "board"
    When alice removes the shared memory object "board"
    And bob tries to open the shared memory object "board"
    Then that open fails with ENOENT

  @SHM-11 @must @SEED-SHM-4 @shm_unlink(3) @requires:shm.posix @requires:mmap
  Scenario: A removed object's memory lives on while it is mapped
    shm_unlink removes the name at once, but the memory is freed only when the last mapping
    goes: the processes that mapped it still share it.

    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board"
    When alice removes the shared memory object "board"
    And alice stores "still here" at offset 0 of "board"
    Then bob loads "still here" from offset 0 of "board"

  @SHM-12 @must @SEED-SHM-4 @shm_overview(7) @requires:shm.posix @requires:mmap
  Scenario: A shared memory object outlives the process that made it
    POSIX shared memory has kernel persistence: it stays until removed or until the system
    shuts down, whether or not a process has it open.

    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And alice maps "board"
    And alice stores "left for bob" at offset 0 of "board"
    When alice exits
    And bob opens the shared memory object "board"
    And bob maps "board"
    Then bob loads "left for bob" from offset 0 of "board"

  @SHM-13 @must @mmap(2) @requires:shm.posix @requires:mmap
  Scenario: A mapping of zero bytes is refused with EINVAL
    Given participant alice
    And alice creates the shared memory object "board" of 4096 bytes
    When alice tries to map 0 bytes of "board"
    Then that mapping fails with EINVAL

  @SHM-14 @must @mmap(2) @shm_open(3) @requires:shm.posix @requires:mmap
  Scenario: A shared writable mapping of an object opened read-only is refused with EACCES
    The access of the mapping cannot exceed the access of the descriptor: this holds even for
    the superuser, since it is the descriptor, not the file's permission bits, that is checked.

    Given participants alice and bob
    And alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board" read-only
    When bob tries to map "board" for reading and writing
    Then that mapping fails with EACCES

  @SHM-15 @should @mmap(2) @requires:shm.posix @requires:mmap
  Scenario: A load past the end of the object faults with SIGBUS
    A mapping may be longer than the object under it. Pages of the mapping that lie wholly past
    the end of the object cannot be touched: the access raises SIGBUS. (The offsets leave room
    for pages of up to 64 KiB.)

    Given participant alice
    And alice creates the shared memory object "board" of 4096 bytes
    When alice maps 131072 bytes of "board"
    Then alice loads 4 zero bytes from offset 4092 of "board"
    When alice tries to load from offset 65536 of "board"
    Then that load faults with SIGBUS

  @SHM-16 @should @SEED-SHM-4 @ftruncate(2) @mmap(2) @requires:shm.posix @requires:mmap
  Scenario: Sizing an object to zero takes its memory away from every mapping
    The region belongs to the object, not to the mappings: once the object shrinks, the pages
    past its new end are gone for every process that maps it.

    Given participants alice and bob
    And alice creates the shared memory object "board" of 131072 bytes
    And bob opens the shared memory object "board"
    And bob maps "board"
    And bob loads 4 zero bytes from offset 65536 of "board"
    When alice sizes "board" to 0 bytes
    And bob tries to load from offset 65536 of "board"
    Then that load faults with SIGBUS

  @SHM-17 @may @shm_overview(7) @requires:shm.posix @requires:mmap
  Scenario: On Linux a shared memory object is a file in /dev/shm
    Linux implements POSIX shared memory with a tmpfs mounted on /dev/shm: the object's name is a
    file there. Other systems keep these names elsewhere.

    Given participant alice
    When alice creates the shared memory object "board" of 4096 bytes
    Then "board" appears in /dev/shm with 4096 bytes

  @SHM-18 @must @shm_open(3) @requires:shm.posix
  Scenario: A shared memory object's permission bits keep other users out
    The mode given at creation works as a file's: with 0600, a process of another user cannot
    open the object. The suite starts mallory as an unprivileged user, which it can only do when
    it runs as root: elsewhere this scenario does not apply.

    Given participant alice
    And participant mallory, running as another user
    And alice creates the shared memory object "board"
    When mallory tries to open the shared memory object "board"
    Then that open fails with EACCES

  @SHM-19 @isolation @must @SEED-SHM-1 @shm_overview(7) @ipc_namespaces(7) @requires:shm.posix @requires:mmap
  Scenario: A shared memory object is invisible from another IPC namespace
    Given participants alice and bob, in separate IPC namespaces
    And alice creates the shared memory object "board" of 4096 bytes
    Then alice and bob are in different IPC namespaces
    When bob tries to open the shared memory object "board"
    Then that open fails with ENOENT

  @SHM-20 @isolation @must @SEED-SHM-2 @SEED-SHM-3 @shm_overview(7) @ipc_namespaces(7) @requires:shm.posix @requires:mmap
  Scenario: Containers that share an IPC namespace share its memory objects
    Apart in everything else (each has its own PID namespace), alice and bob share one IPC
    namespace, and with it the object and every store into it.

    Given participants alice and bob, in separate containers that share an IPC namespace
    Then alice and bob share one IPC namespace
    And alice and bob are in different PID namespaces
    When alice creates the shared memory object "board" of 4096 bytes
    And bob opens the shared memory object "board"
    And alice maps "board"
    And bob maps "board"
    And alice stores "seen next door" at offset 0 of "board"
    Then bob loads "seen next door" from offset 0 of "board"
