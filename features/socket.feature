@socket
Feature: Sockets
  A socket is a named point where a process can be reached, made by the socket system call in a
  communication domain and of a type. In the UNIX domain a socket is named by a path in the filesystem; in the
  Internet domain by an IP address and a port. A stream socket (TCP in the Internet domain) is
  connected to exactly one peer and carries bytes both ways, in order, without boundaries. A
  datagram socket (UDP in the Internet domain) carries messages that keep their boundaries, each
  sent to an address.

  A server binds a name, listens, and accepts connections; a client connects to that name. The
  source article speaks of processes on different computers: here the Internet-domain scenarios
  stay on the loopback address 127.0.0.1, so that nothing leaves the machine; the same calls serve
  two hosts, as SOCK-32 shows with each participant on a host of its own (container isolation).

  Participants are separate OS processes. A quoted name ("svc") is a socket: for a UNIX-domain
  socket, a file of that name in the folder the participants share; for an Internet-domain one,
  the IP address of the binder's host (127.0.0.1, unless each participant has a host of its own)
  and a port the system chose when it was bound. After "alice accepts bob's connection",
  alice's end of that connection is called "bob", and bob's end is called by the name he
  connected to.

  @SOCK-01 @must @SEED-SOCK-1 @SEED-SOCK-3 @SEED-SOCK-4 @SEED-SOCK-5 @unix(7) @socket(2) @requires:socket.unix.stream
  Scenario: Two unrelated processes talk both ways over a connected UNIX-domain stream socket
    Given participants alice and bob
    And alice and bob are unrelated processes
    And alice listens on the UNIX stream socket "svc"
    When bob connects to "svc"
    And alice accepts bob's connection on "svc"
    And bob writes "question" to "svc"
    Then alice reads "question" from "bob"
    When alice writes "answer" to "bob"
    Then bob reads "answer" from "svc"

  @SOCK-02 @must @SEED-SOCK-2 @SEED-SOCK-4 @SEED-SOCK-5 @SEED-SOCK-6 @SEED-IPC-2 @tcp(7) @ip(7) @requires:socket.inet.stream
  Scenario: Two processes talk both ways over a TCP connection
    TCP is how processes on different computers talk; the loopback address stands in for the
    network here.

    Given participants alice and bob
    And alice listens on the TCP socket "web"
    When bob connects to "web"
    And alice accepts bob's connection on "web"
    And bob writes "GET /" to "web"
    Then alice reads "GET /" from "bob"
    When alice writes "200 OK" to "bob"
    Then bob reads "200 OK" from "web"

  @SOCK-03 @must @SEED-SOCK-6 @SEED-SOCK-7 @ip(7) @bind(2) @requires:socket.inet.stream
  Scenario: An Internet-domain socket's address is an IP address and a port
    Binding to port 0 lets the system choose a free port; getsockname tells which.

    Given participant alice
    When alice listens on the TCP socket "web"
    Then the address of "web" is the IP address "127.0.0.1" with a port the system chose

  @SOCK-04 @must @SEED-SOCK-1 @SEED-SOCK-7 @unix(7) @bind(2) @requires:socket.unix.stream @requires:fs.stat
  Scenario: A UNIX-domain socket's address is a path, and binding it makes a socket file
    Given participant alice
    When alice listens on the UNIX stream socket "svc"
    Then the address of "svc" is its path in the shared folder
    And alice sees "svc" as a socket file

  @SOCK-05 @must @SEED-SOCK-7 @unix(7) @bind(2) @requires:socket.unix.stream @requires:socket.inet.stream
  Scenario: A UNIX-domain socket refuses an address in the Internet format
    All sockets of one domain share one address format. Given an Internet address, a UNIX-domain
    socket refuses it: POSIX bind(2) names the error EAFNOSUPPORT, Linux answers EINVAL (unix(7):
    the family is not AF_UNIX). Either is the documented refusal.

    Given participants alice and bob
    And alice listens on the TCP socket "web"
    When bob tries to bind a UNIX stream socket to the address of "web"
    Then that bind fails with EINVAL or EAFNOSUPPORT

  @SOCK-06 @must @SEED-SOCK-1 @SEED-SOCK-3 @socket(2) @getsockname(2) @requires:socket.unix.datagram
  Scenario: A new socket has no name until it is bound
    Given participant alice
    When alice creates a UNIX datagram socket "s"
    Then "s" of alice has no address yet
    When alice binds "s" to "named"
    Then the address of "named" is its path in the shared folder

  @SOCK-07 @must @SEED-SOCK-4 @tcp(7) @requires:socket.inet.stream
  Scenario: A stream socket delivers bytes in the order they were written
    Given participants alice and bob
    And alice listens on the TCP socket "web"
    And bob connects to "web"
    And alice accepts bob's connection on "web"
    When bob writes the numbered lines 1 to 200 to "web", one write each
    Then alice reads the numbered lines 1 to 200 from "bob", in order

  @SOCK-08 @must @socket(7) @recv(2) @requires:socket.unix.stream
  Scenario: A stream socket keeps no message boundaries: one write can be read in pieces
    A stream carries bytes, not messages: a reader takes as many bytes as it asks for, and the
    rest of a write waits for the next read. A message-based socket would discard the rest.

    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    When bob writes "abcdef" to "svc"
    Then alice's read of at most 3 bytes from "bob" returns "abc"
    And alice's read of at most 3 bytes from "bob" returns "def"

  @SOCK-09 @must @SEED-MP-1 @udp(7) @requires:socket.inet.datagram
  Scenario: UDP datagrams keep their boundaries
    Each datagram comes out of its own read, whole. (UDP does not promise delivery or order; on
    the loopback interface nothing is lost or reordered.)

    Given participants alice and bob
    And alice binds the UDP socket "inbox"
    And bob binds the UDP socket "outbox"
    When bob sends the datagram "one" from "outbox" to "inbox"
    And bob sends the datagram "two, longer" from "outbox" to "inbox"
    Then alice receives the datagram "one" on "inbox"
    And alice receives the datagram "two, longer" on "inbox"

  @SOCK-10 @must @SEED-MP-6 @SEED-SOCK-1 @unix(7) @recvfrom(2) @requires:socket.unix.datagram
  Scenario: A UNIX-domain datagram tells the receiver which socket sent it
    Given participants alice and bob
    And alice binds the UNIX datagram socket "inbox"
    And bob binds the UNIX datagram socket "bob.sock"
    When bob sends the datagram "hello" from "bob.sock" to "inbox"
    Then alice receives the datagram "hello" on "inbox", sent from "bob.sock"
    When alice sends the datagram "welcome" from "inbox" to "bob.sock"
    Then bob receives the datagram "welcome" on "bob.sock", sent from "inbox"

  @SOCK-11 @must @SEED-SOCK-6 @udp(7) @recvfrom(2) @requires:socket.inet.datagram
  Scenario: A UDP datagram tells the receiver the sender's IP address and port
    Given participants alice and bob
    And alice binds the UDP socket "inbox"
    And bob binds the UDP socket "outbox"
    When bob sends the datagram "ping" from "outbox" to "inbox"
    Then alice receives the datagram "ping" on "inbox", sent from "outbox"

  @SOCK-12 @should @udp(7) @recvmsg(2) @requires:socket.inet.datagram
  Scenario: A datagram longer than the receiver's buffer is cut, and the rest is lost
    One read takes one datagram: what does not fit the buffer is discarded, and the system says
    so (MSG_TRUNC in recvmsg(2)). The next read gets the next datagram. UDP does not promise
    delivery or order; on the loopback interface nothing is lost or reordered.

    Given participants alice and bob
    And alice binds the UDP socket "inbox"
    And bob binds the UDP socket "outbox"
    When bob sends the datagram "0123456789" from "outbox" to "inbox"
    And bob sends the datagram "next" from "outbox" to "inbox"
    Then alice receives the first 4 bytes "0123" of a datagram on "inbox", the rest cut off
    And alice receives the datagram "next" on "inbox"

  @SOCK-13 @must @tcp(7) @connect(2) @requires:socket.inet.stream
  Scenario: Connecting where nobody listens is refused
    alice holds the address, so no other program can take it, but does not listen on it.

    Given participants alice and bob
    And alice binds the TCP socket "closed"
    When bob tries to connect a TCP socket to "closed"
    Then that connect fails with ECONNREFUSED

  @SOCK-14 @must @unix(7) @connect(2) @requires:socket.unix.stream
  Scenario: A UNIX socket file left by a closed server refuses connections
    Closing a UNIX-domain socket leaves its file behind. A client that connects to such a stale
    name is refused: the name is there, nobody listens behind it.

    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    When alice closes "svc"
    And bob tries to connect a UNIX stream socket to "svc"
    Then that connect fails with ECONNREFUSED

  @SOCK-15 @must @unix(7) @connect(2) @requires:socket.unix.stream
  Scenario: Connecting to a UNIX socket name that does not exist fails with ENOENT
    Given participant bob
    When bob tries to connect a UNIX stream socket to "nobody-here"
    Then that connect fails with ENOENT

  @SOCK-16 @must @ip(7) @bind(2) @requires:socket.inet.stream
  Scenario: Binding a TCP address in use is refused with EADDRINUSE
    Given participants alice and bob
    And alice listens on the TCP socket "web"
    When bob tries to bind a TCP socket to the address of "web"
    Then that bind fails with EADDRINUSE

  @SOCK-17 @must @unix(7) @bind(2) @requires:socket.unix.stream @requires:fs.unlink
  Scenario: A UNIX socket's name stays in use until it is removed
    Even after the server closed its socket, its file keeps the name: binding it again fails with
    EADDRINUSE until someone removes the file. This is why servers unlink their socket path
    before they bind.

    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    When alice closes "svc"
    And bob tries to bind a UNIX stream socket to the address of "svc"
    Then that bind fails with EADDRINUSE
    When bob removes "svc"
    And bob listens on the UNIX stream socket "svc"
    Then the address of "svc" is its path in the shared folder

  @SOCK-18 @must @SEED-SOCK-4 @shutdown(2) @requires:socket.unix.stream
  Scenario: After a half-close the peer reads end-of-file and can still answer
    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    When bob writes "all of my request" to "svc"
    And bob shuts down writing on "svc"
    Then alice reads "all of my request" from "bob"
    And alice reads end-of-file from "bob"
    When alice writes "the reply" to "bob"
    Then bob reads "the reply" from "svc"

  @SOCK-19 @should @SEED-MP-6 @unix(7) @requires:socket.unix.stream @requires:socket.peercred
  Scenario: A UNIX-domain server learns which process connected
    SO_PEERCRED gives the pid, user and group of the process at the other end of the connection.
    It is a Linux option (BSD systems offer getpeereid instead), hence a should.

    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    When alice accepts bob's connection on "svc"
    Then alice learns that the peer of "bob" is bob's process and user

  @SOCK-20 @must @SEED-SOCK-4 @SEED-SOCK-5 @socketpair(2) @requires:socket.unix.stream @requires:socket.pair @requires:process.spawn @requires:process.inherit
  Scenario: A socket pair connects a parent and its child both ways
    Given participant alice
    And alice has created the socket pair "mine" and "yours"
    And alice has spawned the child kid, which inherits "yours"
    When alice closes "yours"
    And alice writes "from the parent" to "mine"
    Then kid reads "from the parent" from "yours"
    When kid writes "from the child" to "yours"
    Then alice reads "from the child" from "mine"

  @SOCK-21 @must @SEED-SOCK-1 @accept(2) @requires:socket.unix.stream
  Scenario: Accepting waits until a client connects
    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    When alice starts accepting a connection on "svc"
    Then alice's accept on "svc" is still blocked
    When bob connects to "svc"
    Then alice's accept on "svc" completes with bob's connection
    When bob writes "it is me" to "svc"
    Then alice reads "it is me" from "bob"

  @SOCK-22 @must @SEED-MP-8 @read(2) @requires:socket.inet.stream
  Scenario: A read waits for data, and the peer's close ends it with end-of-file
    Given participants alice and bob
    And alice listens on the TCP socket "web"
    And bob connects to "web"
    And alice accepts bob's connection on "web"
    When alice starts reading from "bob"
    Then alice's read of "bob" is still blocked
    When bob closes "web"
    Then alice's read of "bob" completes with end-of-file

  @SOCK-23 @must @unix(7) @write(2) @requires:socket.unix.stream
  Scenario: Writing to a stream socket whose peer has gone fails with EPIPE
    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    When bob closes "svc"
    And alice tries to write "anyone there?" to "bob"
    Then that write fails with EPIPE

  @SOCK-24 @must @SEED-SOCK-5 @accept(2) @requires:socket.unix.stream
  Scenario: One listening socket serves several clients, each on its own connection
    Given participants alice, bob and carol
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    And carol connects to "svc"
    And alice accepts carol's connection on "svc"
    When bob writes "from bob" to "svc"
    And carol writes "from carol" to "svc"
    Then alice reads "from carol" from "carol"
    And alice reads "from bob" from "bob"
    When alice writes "to carol" to "carol"
    Then carol reads "to carol" from "svc"

  @SOCK-25 @must @SEED-SOCK-6 @tcp(7) @accept(2) @requires:socket.inet.stream
  Scenario: The server learns the client's IP address and port
    Given participants alice and bob
    And alice listens on the TCP socket "web"
    When bob connects to "web"
    And alice accepts bob's connection on "web"
    Then alice sees the peer of "bob" as the address of bob's end of "web"

  @SOCK-26 @should @unix(7) @requires:socket.unix.stream
  Scenario: On Linux, one read takes the bytes of several writes waiting on a stream
    POSIX lets a stream read return less than is waiting; Linux's UNIX-domain streams hand out
    the bytes of every write that is queued, up to the size asked for.

    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    When bob writes "abc" to "svc"
    And bob writes "def" to "svc"
    Then alice's next read from "bob" returns "abcdef" at once

  @SOCK-27 @must @unix(7) @connect(2) @requires:socket.unix.stream
  Scenario: Connecting to a UNIX socket needs write permission on its file
    A UNIX-domain socket's file carries permission bits like any file: a process of another user
    without write permission on it cannot connect. The suite starts mallory as an unprivileged
    user, which it can only do when it runs as root: elsewhere this scenario does not apply.

    Given participant alice
    And participant mallory, running as another user
    And alice listens on the UNIX stream socket "svc"
    When mallory tries to connect a UNIX stream socket to "svc"
    Then that connect fails with EACCES

  @SOCK-28 @must @socket(7) @recv(2) @requires:socket.unix.stream @requires:pipe.nonblocking
  Scenario: A non-blocking read of a socket with no data answers EAGAIN
    Given participants alice and bob
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    And alice has made the read end of "bob" non-blocking
    When alice tries to read from "bob"
    Then that read fails with EAGAIN
    When bob writes "now there is" to "svc"
    Then alice reads "now there is" from "bob"

  @SOCK-29 @must @unix(7) @sendto(2) @requires:socket.unix.datagram
  Scenario: A UNIX-domain datagram to a socket that has gone is refused, where UDP would drop it
    On one machine the kernel knows whether anyone is behind a UNIX-domain name: a datagram for a
    closed socket is refused with ECONNREFUSED instead of vanishing.

    Given participants alice and bob
    And alice binds the UNIX datagram socket "inbox"
    And bob binds the UNIX datagram socket "outbox"
    When alice closes "inbox"
    And bob tries to send the datagram "anyone?" from "outbox" to "inbox"
    Then that send fails with ECONNREFUSED

  @SOCK-30 @must @unix(7) @cmsg(3) @requires:socket.unix.stream @requires:socket.rights @requires:pipe
  Scenario: An open descriptor passes to an unrelated process over a UNIX-domain socket
    SCM_RIGHTS sends open descriptors, not names: bob gets his own descriptor for alice's pipe,
    which he could never have opened himself, since a pipe has no name. It stays open after
    alice closes hers.

    Given participants alice and bob
    And alice and bob are unrelated processes
    And alice has created the pipe "p"
    And alice listens on the UNIX stream socket "svc"
    And bob connects to "svc"
    And alice accepts bob's connection on "svc"
    When alice passes the read end of "p" over "bob"
    And bob receives a descriptor over "svc", calling it "p"
    And alice closes the read end of "p"
    And alice writes "through a passed pipe" to "p"
    Then bob reads "through a passed pipe" from "p"
    When alice closes the write end of "p"
    Then bob reads end-of-file from "p"

  @SOCK-31 @should @SEED-MP-8 @unix(7) @requires:socket.unix.datagram @requires:pipe.nonblocking
  Scenario: A UNIX-domain datagram sender waits while the receiver's queue is full
    UDP drops what does not fit; a UNIX-domain datagram socket on Linux holds the sender back
    instead: EAGAIN when non-blocking, a wait when blocking, until the receiver takes one.

    Given participants alice and bob
    And alice binds the UNIX datagram socket "inbox"
    And bob binds the UNIX datagram socket "outbox"
    And bob has made the write end of "outbox" non-blocking
    And bob has filled "inbox" from "outbox" with datagrams until a send fails with EAGAIN
    And bob has made the write end of "outbox" blocking again
    When bob starts sending the datagram "late" from "outbox" to "inbox"
    Then bob's send to "inbox" is still blocked
    When alice receives one of those datagrams on "inbox"
    Then bob's send to "inbox" completes

  @SOCK-32 @isolation @must @SEED-SOCK-2 @SEED-IPC-2 @tcp(7) @ip(7) @requires:socket.inet.stream
  Scenario: Processes on two hosts, each with an address of its own, talk over TCP
    Each participant has a network stack of its own, attached to one network that leads nowhere
    else; each has its own IP address, and loopback reaches only itself.

    Given participants alice and bob, on separate hosts of one network
    Then alice and bob are in different network namespaces
    When alice listens on the TCP socket "web"
    Then the address of "web" is the IP address of alice's host, with a port the system chose
    When bob connects to "web"
    And alice accepts bob's connection on "web"
    Then bob's end of "web" has the IP address of bob's host
    And alice sees the peer of "bob" as the address of bob's end of "web"
    When bob writes "GET /" to "web"
    Then alice reads "GET /" from "bob"
    When alice writes "200 OK" to "bob"
    Then bob reads "200 OK" from "web"

  @SOCK-33 @must @unix(7) @connect(2) @listen(2) @requires:socket.unix.stream
  Scenario: A UNIX stream socket that is bound but not listening refuses connections
    Binding gives a socket its name; only listen(2) makes it take connections. Until then a
    client that connects to the name is refused, as for a TCP port nobody listens on (SOCK-13).

    Given participants alice and bob
    And alice binds the UNIX stream socket "svc"
    When bob tries to connect a UNIX stream socket to "svc"
    Then that connect fails with ECONNREFUSED
