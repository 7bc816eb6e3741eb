@message-passing
Feature: Message passing
  In message passing, processes exchange messages rather than share memory: the operating system
  takes a message from the sender, keeps it, and hands it to the receiver whole. In the source
  article's model every message says what kind it is, how long it is, who sent it and for whom
  it is, besides what it carries; the system holds messages until they are taken, and puts to
  sleep a receiver that finds nothing, or a sender that finds no room.

  POSIX systems offer two message queue facilities, and both appear here. A POSIX message queue
  (mq_overview(7)) has a name such as /orders; its messages carry a priority instead of a type,
  and come out highest priority first. A System V message queue (sysvipc(7)) is found by a
  numeric key; its messages carry a type, and a receiver can ask for the first message of a given
  type. Neither stores the sender's ID in the message: POSIX queues do not tell the receiver who
  sent a message at all, and System V queues only record the pid of the last sender. Programs
  that need the article's sender and receiver IDs put them in the type or the data, as the
  System V scenarios do.

  Message passing needs no kernel queue: processes that share memory can pass messages through
  it, and libraries do (a ring of messages, or a broadcast buffer, in a file every process maps).
  Such a ring keeps the article's message (a type, a length, the data) but has no operating
  system to put a process to sleep: a writer that finds the ring full is refused and must try
  again later, a reader that finds it empty is told so at once, and a broadcast transmitter
  writes over what a slow receiver has not read. Nor does a ring know who wrote a message.

  Participants are separate OS processes. A quoted name ("orders") is a queue that the scenario's
  participants share: the suite gives it a name or key of its own for the run; a ring or a
  broadcast buffer ("jobs", "news") is a file in a folder they share.

  @MP-01 @must @SEED-MP-1 @SEED-MP-3 @mq_overview(7) @mq_send(3) @mq_receive(3) @requires:mq.posix
  Scenario: A message sent by one process is received whole by another
    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    When bob sends the message "one pizza" to "orders"
    Then alice receives the message "one pizza" from "orders"

  @MP-02 @must @SEED-MP-1 @SEED-MP-3 @mq_receive(3) @requires:mq.posix
  Scenario: Each message keeps its boundaries and its length
    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    When bob sends the message "a" to "orders"
    And bob sends the message "a longer message" to "orders"
    And bob sends the message "mid size" to "orders"
    Then alice receives the message "a" from "orders"
    And alice receives the message "a longer message" from "orders"
    And alice receives the message "mid size" from "orders"

  @MP-03 @must @mq_send(3) @requires:mq.posix
  Scenario: Messages of one priority come out in the order they were sent
    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    When bob sends the messages 1 to 8 to "orders"
    Then alice receives the messages 1 to 8 from "orders", in order

  @MP-04 @must @mq_send(3) @mq_receive(3) @requires:mq.posix
  Scenario: A POSIX queue hands out the highest priority first
    The article's model has no priorities; POSIX message queues add them, and a message of
    higher priority overtakes those already waiting.

    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    When bob sends the message "routine" to "orders" with priority 1
    And bob sends the message "urgent" to "orders" with priority 9
    And bob sends the message "second routine" to "orders" with priority 1
    Then alice receives the message "urgent" from "orders", with priority 9
    And alice receives the message "routine" from "orders", with priority 1
    And alice receives the message "second routine" from "orders", with priority 1

  @MP-05 @must @SEED-MP-8 @mq_receive(3) @requires:mq.posix
  Scenario: A receiver waits while the queue is empty, and wakes when a message comes
    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    When alice starts receiving from "orders"
    Then alice's receive from "orders" is still blocked
    When bob sends the message "at last" to "orders"
    Then alice's receive from "orders" completes with the message "at last"

  @MP-06 @must @SEED-MP-8 @mq_send(3) @requires:mq.posix
  Scenario: A sender waits while the queue is full, and goes on when a message is taken
    Given participants alice and bob
    And alice creates the message queue "orders" for 2 messages of up to 64 bytes
    And bob opens the message queue "orders" for sending
    And bob sends the message "first" to "orders"
    And bob sends the message "second" to "orders"
    When bob starts sending "third" to "orders"
    Then bob's send to "orders" is still blocked
    When alice receives the message "first" from "orders"
    Then bob's send to "orders" completes
    And alice receives the message "second" from "orders"
    And alice receives the message "third" from "orders"

  @MP-07 @must @SEED-MP-8 @mq_send(3) @mq_receive(3) @requires:mq.posix
  Scenario: Without blocking, an empty or full queue answers EAGAIN
    Given participants alice and bob
    And alice creates the message queue "orders" for 1 message of up to 64 bytes
    And alice opens the message queue "orders" for receiving without blocking
    And bob opens the message queue "orders" for sending without blocking
    When alice tries to receive from "orders"
    Then that receive fails with EAGAIN
    When bob sends the message "fills it" to "orders"
    And bob tries to send the message "one too many" to "orders"
    Then that send fails with EAGAIN

  @MP-08 @must @SEED-MP-7 @mq_send(3) @requires:mq.posix
  Scenario: A message longer than the queue's message size is refused with EMSGSIZE
    Given participants alice and bob
    And alice creates the message queue "orders" for 4 messages of up to 64 bytes
    And bob opens the message queue "orders" for sending
    When bob tries to send a message of 65 bytes to "orders"
    Then that send fails with EMSGSIZE

  @MP-09 @must @SEED-MP-7 @mq_receive(3) @requires:mq.posix
  Scenario: A receive buffer smaller than the queue's message size is refused with EMSGSIZE
    mq_receive checks the buffer against the largest message the queue allows, not against the
    message that waits: a short message is refused too.

    Given participants alice and bob
    And alice creates the message queue "orders" for 4 messages of up to 64 bytes
    And bob opens the message queue "orders" for sending
    And bob sends the message "short" to "orders"
    When alice tries to receive from "orders" into a buffer of 63 bytes
    Then that receive fails with EMSGSIZE
    And alice receives the message "short" from "orders"

  @MP-10 @must @SEED-MP-5 @SEED-MP-7 @mq_getattr(3) @requires:mq.posix
  Scenario: A queue states the format it delivers: how many messages, and how long
    Given participants alice and bob
    And alice creates the message queue "orders" for 4 messages of up to 64 bytes
    And bob opens the message queue "orders" for sending
    When bob sends the message "one" to "orders"
    And bob sends the message "two" to "orders"
    Then bob sees "orders" holding 2 messages, with room for 4 messages of up to 64 bytes

  @MP-11 @must @SEED-MP-8 @mq_overview(7) @requires:mq.posix
  Scenario: Messages wait in the queue after their sender has gone
    A POSIX message queue has kernel persistence: it and its messages stay until the queue is
    removed, whether or not any process has it open.

    Given participants alice and bob
    And alice creates the message queue "orders"
    And bob opens the message queue "orders" for sending
    And bob sends the message "sent before leaving" to "orders"
    When bob exits
    Then alice receives the message "sent before leaving" from "orders"

  @MP-12 @must @mq_open(3) @mq_unlink(3) @requires:mq.posix
  Scenario: Removing a queue removes its name
    Given participants alice and bob
    And alice creates the message queue "orders"
    When alice removes the message queue "orders"
    And bob tries to open the message queue "orders"
    Then that open fails with ENOENT

  @MP-13 @must @mq_open(3) @requires:mq.posix
  Scenario: Creating a queue exclusively fails when the name is taken
    Given participants alice and bob
    And alice creates the message queue "orders"
    When bob tries to create the message queue "orders" exclusively
    Then that creation fails with EEXIST

  @MP-14 @must @SEED-MP-2 @SEED-MP-4 @SEED-MP-5 @mq_send(3) @requires:mq.posix
  Scenario: The facility imposes no format on the data: every byte value arrives unchanged
    What a message means (data, a command, code) is for the sender and receiver to agree on;
    the queue carries any bytes, zero bytes included.

    Given participants alice and bob
    And alice creates the message queue "orders" for 4 messages of up to 256 bytes
    And bob opens the message queue "orders" for sending
    When bob sends a message of the 256 byte values to "orders"
    Then alice receives a message of the 256 byte values from "orders"

  @MP-15 @must @SEED-MP-3 @msgrcv(2) @requires:msg.sysv
  Scenario: A System V receiver takes the first message of the type it asks for
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    When bob sends a message of type 1 with "print" to "jobs"
    And bob sends a message of type 2 with "mail" to "jobs"
    Then alice receives a message of type 2 with "mail" from "jobs"
    And alice receives a message of type 1 with "print" from "jobs"

  @MP-16 @must @SEED-MP-3 @SEED-MP-6 @msgrcv(2) @msgsnd(2) @requires:msg.sysv
  Scenario: A sender names its receiver, and each receiver gets only its own messages
    The usual System V convention: a message's type is its receiver's pid, and each receiver
    asks for messages of its own pid.

    Given participants alice, bob and carol
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    And carol gets the System V queue "jobs"
    When alice sends "for carol" to carol on "jobs"
    And alice sends "for bob" to bob on "jobs"
    Then bob receives the message "for bob" addressed to him from "jobs"
    And carol receives the message "for carol" addressed to her from "jobs"

  @MP-17 @must @SEED-MP-6 @msgctl(2) @requires:msg.sysv
  Scenario: The receiver learns which process sent the last message
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    When bob sends a message of type 1 with "from bob" to "jobs"
    Then alice learns that the last message on "jobs" was sent by bob
    And alice receives a message of type 1 with "from bob" from "jobs"

  @MP-18 @must @SEED-MP-8 @msgrcv(2) @requires:msg.sysv
  Scenario: A receive waits for a message of its type; without waiting it answers ENOMSG
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    When bob sends a message of type 1 with "not this one" to "jobs"
    And alice tries to receive a message of type 2 from "jobs" without waiting
    Then that receive fails with ENOMSG
    When alice starts receiving a message of type 2 from "jobs"
    Then alice's receive from "jobs" is still blocked
    When bob sends a message of type 2 with "this one" to "jobs"
    Then alice's receive from "jobs" completes with type 2 and "this one"

  @MP-19 @must @msgrcv(2) @requires:msg.sysv
  Scenario: A message too long for the buffer is refused with E2BIG, or cut when asked
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    And bob sends a message of type 1 with "0123456789" to "jobs"
    When alice tries to receive a message from "jobs" into 4 bytes
    Then that receive fails with E2BIG
    And alice receives "0123" of type 1 from "jobs" into 4 bytes, the rest cut off
    When alice tries to receive a message of type 0 from "jobs" without waiting
    Then that receive fails with ENOMSG

  @MP-20 @should @msgrcv(2) @requires:msg.sysv
  Scenario: Asking for a negative type takes the lowest type up to its absolute value
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    When bob sends a message of type 5 with "five" to "jobs"
    And bob sends a message of type 3 with "three" to "jobs"
    And bob sends a message of type 9 with "nine" to "jobs"
    Then alice receives from "jobs" the lowest type up to 6: type 3 with "three"
    And alice receives from "jobs" the lowest type up to 6: type 5 with "five"

  @MP-21 @must @SEED-MP-8 @msgsnd(2) @requires:msg.sysv
  Scenario: A System V sender waits while the queue is full; without waiting it answers EAGAIN
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    And bob has filled "jobs" with messages of 1024 bytes until a send fails with EAGAIN
    When bob starts sending a message of type 1 with "late" to "jobs"
    Then bob's send to "jobs" is still blocked
    When alice receives a message of 1024 bytes from "jobs"
    Then bob's send to "jobs" completes

  @MP-22 @must @msgctl(2) @msgrcv(2) @requires:msg.sysv
  Scenario: Removing a System V queue wakes its waiting receivers with EIDRM
    Given participants alice and bob
    And alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    When bob starts receiving a message of type 0 from "jobs"
    Then bob's receive from "jobs" is still blocked
    When alice removes the System V queue "jobs"
    Then bob's receive from "jobs" fails with EIDRM

  @MP-23 @must @SEED-MP-6 @msgget(2) @requires:msg.sysv
  Scenario: Unrelated processes find the same System V queue by its key
    Given participants alice and bob
    And alice and bob are unrelated processes
    When alice creates the System V queue "jobs"
    And bob gets the System V queue "jobs"
    Then alice and bob hold the same queue identifier for "jobs"

  @MP-24 @must @mq_open(3) @requires:mq.posix
  Scenario: A queue's permission bits keep other users out
    The mode given at creation works as a file's: with 0600, a process of another user cannot
    open the queue. The suite starts mallory as an unprivileged user, which it can only do when
    it runs as root: elsewhere this scenario does not apply.

    Given participant alice
    And participant mallory, running as another user
    And alice creates the message queue "orders"
    When mallory tries to open the message queue "orders"
    Then that open fails with EACCES

  @MP-25 @must @msgget(2) @sysvipc(7) @requires:msg.sysv
  Scenario: A System V queue's permission bits keep other users out
    Given participant alice
    And participant mallory, running as another user
    And alice creates the System V queue "jobs"
    When mallory tries to get the System V queue "jobs"
    Then that open fails with EACCES

  @MP-26 @isolation @must @SEED-MP-1 @mq_overview(7) @ipc_namespaces(7) @requires:mq.posix
  Scenario: A POSIX message queue is invisible from another IPC namespace
    Given participants alice and bob, in separate IPC namespaces
    And alice creates the message queue "orders"
    Then alice and bob are in different IPC namespaces
    When bob tries to open the message queue "orders"
    Then that open fails with ENOENT

  @MP-27 @isolation @should @SEED-MP-1 @svipc(7) @ipc_namespaces(7) @requires:msg.sysv
  Scenario: A System V message queue's key means nothing in another IPC namespace
    Given participants alice and bob, in separate IPC namespaces
    And alice creates the System V queue "jobs"
    Then alice and bob are in different IPC namespaces
    When bob tries to get the System V queue "jobs"
    Then that open fails with ENOENT

  @MP-28 @must @SEED-MP-1 @SEED-MP-3 @requires:msg.ring
  Scenario: A message written to a ring is read whole, with its type, by another process
    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    When alice writes a message of type 7 with "resize image 42" to the ring "jobs"
    Then bob reads a message of type 7 with "resize image 42" from the ring "jobs"

  @MP-29 @must @SEED-MP-1 @SEED-MP-3 @SEED-MP-4 @requires:msg.ring
  Scenario: Messages come out of a ring in the order they were written, each with its own length and type
    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    When alice writes a message of type 1 with "a" to the ring "jobs"
    And alice writes a message of type 2 with "a longer message" to the ring "jobs"
    And alice writes a message of type 3 with "" to the ring "jobs"
    And alice writes a message of type 1 with "mid size" to the ring "jobs"
    Then bob reads a message of type 1 with "a" from the ring "jobs"
    And bob reads a message of type 2 with "a longer message" from the ring "jobs"
    And bob reads a message of type 3 with "" from the ring "jobs"
    And bob reads a message of type 1 with "mid size" from the ring "jobs"

  @MP-30 @must @SEED-MP-7 @requires:msg.ring
  Scenario: A full ring refuses a message at once, and loses none of those it holds
    Unlike a kernel queue, which puts the sender to sleep (MP-06, SEED-MP-8), a ring has no one
    to wake the writer: it is refused, and tries again once the reader has made room. The
    messages do not fill the ring exactly, so the last one must wrap around its end.

    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    And alice has filled the ring "jobs" with numbered messages of 100 bytes until a write fails with EAGAIN
    When bob reads the next numbered message from the ring "jobs"
    And alice writes the next numbered message to the ring "jobs"
    Then bob reads the remaining numbered messages from the ring "jobs", in order
    And bob finds the ring "jobs" empty

  @MP-31 @must @SEED-MP-7 @requires:msg.ring
  Scenario: Reading an empty ring finds nothing, at once
    Where a kernel queue puts the receiver to sleep (MP-05, SEED-MP-8), a ring tells it at once.

    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    When bob tries to read a message from the ring "jobs"
    Then that read fails with EAGAIN

  @MP-32 @must @SEED-MP-5 @SEED-MP-7 @requires:msg.ring
  Scenario: A ring states the longest message it takes, and refuses a longer one with EMSGSIZE
    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    When alice writes a message as long as the ring "jobs" takes
    And alice tries to write a message one byte longer than the ring "jobs" takes
    Then that write fails with EMSGSIZE
    And bob reads a message as long as the ring "jobs" takes
    And bob finds the ring "jobs" empty

  @MP-33 @must @SEED-MP-3 @requires:msg.ring
  Scenario: A message's type is a positive number: a ring refuses type 0 with EINVAL
    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And bob has opened the message ring "jobs"
    When alice tries to write a message of type 0 with "no kind" to the ring "jobs"
    Then that write fails with EINVAL
    And bob finds the ring "jobs" empty

  @MP-34 @must @SEED-MP-8 @requires:msg.ring
  Scenario: Messages wait in a ring after their writer has gone
    Given participants alice and bob
    And alice has created the message ring "jobs" of 1024 bytes
    And alice writes a message of type 5 with "left behind" to the ring "jobs"
    When alice exits
    And bob opens the message ring "jobs"
    Then bob reads a message of type 5 with "left behind" from the ring "jobs"

  @MP-35 @must @SEED-MP-1 @requires:msg.ring
  Scenario: Several processes write to one ring at the same time, and every message arrives whole
    A ring does not say who wrote a message (SEED-MP-6 is left to the data): here each writer
    puts its name in what it writes.

    Given participants alice, bob and carol
    And carol has created the message ring "jobs" of 8192 bytes
    And alice has opened the message ring "jobs"
    And bob has opened the message ring "jobs"
    When alice and bob each write 60 signed messages to the ring "jobs" at the same time
    Then carol reads 120 messages from the ring "jobs", each whole and each writer's in the order it wrote them

  @MP-36 @must @SEED-MP-1 @SEED-MP-3 @requires:msg.broadcast
  Scenario: Every receiver of a broadcast gets every message, in order
    Given participants alice, bob and carol
    And alice has created the broadcast buffer "news" of 1024 bytes
    And bob has opened the broadcast buffer "news"
    And carol has opened the broadcast buffer "news"
    When alice transmits a message of type 1 with "first" on "news"
    And alice transmits a message of type 2 with "second" on "news"
    And alice transmits a message of type 3 with "third" on "news"
    Then bob receives the broadcast of type 1 with "first" from "news"
    And bob receives the broadcast of type 2 with "second" from "news"
    And bob receives the broadcast of type 3 with "third" from "news"
    And carol receives the broadcast of type 1 with "first" from "news"
    And carol receives the broadcast of type 2 with "second" from "news"
    And carol receives the broadcast of type 3 with "third" from "news"
    And bob finds nothing new on "news"

  @MP-37 @must @SEED-MP-7 @requires:msg.broadcast
  Scenario: A broadcast never waits for a slow receiver, which learns that it lost messages
    The transmitter is never held back (there is no one to wake it, SEED-MP-8); a receiver that
    falls a whole buffer behind has lost messages, and the protocol of the buffer tells it so.

    Given participants alice and bob
    And alice has created the broadcast buffer "news" of 1024 bytes
    And bob has opened the broadcast buffer "news"
    When alice transmits 100 numbered messages of 64 bytes on "news"
    Then bob's next receive from "news" says that messages were lost, and gives a later numbered message
