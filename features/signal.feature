@signal
Feature: Signals
  A signal tells a process that something happened. Most come from the kernel (a bad memory
  access, a child's end, a write to a pipe nobody reads); some are sent by one process to another
  with kill(2). A process chooses, signal by signal, to catch it with a handler, to ignore it, or
  to leave the default action, which for most signals ends the process. It can also block a
  signal for a while: the signal then waits, pending, until it is unblocked.

  SIGKILL (and SIGSTOP) are the exceptions: they cannot be caught, blocked or ignored, so one
  process can always end another it is allowed to signal. SIGTERM asks politely: the process can
  catch it to clean up, or ignore it.

  Participants are separate OS processes, each with its own agent; alice and bob are unrelated
  (neither started the other). "kid" is a child that alice starts.

  @SIG-01 @must @SEED-SIG-1 @SEED-SIG-2 @SEED-SIG-3 @signal(7) @kill(2) @requires:signal.catch @requires:signal.send
  Scenario: SIGUSR1 sent by one user process is caught by another
    Given participants alice and bob
    And bob catches SIGUSR1
    When alice sends SIGUSR1 to bob
    Then bob receives SIGUSR1 exactly once

  @SIG-02 @must @SEED-SIG-3 @signal(7) @kill(2) @requires:signal.catch @requires:signal.send
  Scenario: SIGUSR2 is a second signal free for user processes
    Given participants alice and bob
    And bob catches SIGUSR1
    And bob catches SIGUSR2
    When alice sends SIGUSR2 to bob
    Then bob receives SIGUSR2 exactly once
    And bob does not receive SIGUSR1

  @SIG-03 @must @SEED-SIG-2 @sigaction(2) @requires:signal.catch @requires:signal.send @requires:signal.info
  Scenario: The handler learns which process sent the signal
    A handler installed with SA_SIGINFO receives the sender's pid and how it was sent (SI_USER
    for kill).

    Given participants alice and bob
    And bob catches SIGUSR1
    When alice sends SIGUSR1 to bob
    Then bob receives SIGUSR1 from alice, sent with SI_USER

  @SIG-04 @must @SEED-SIG-4 @signal(7) @requires:signal.terminate
  Scenario: SIGTERM ends a process that did not ask otherwise
    The harness, which started bob, sees how it ended through Java, which reports death by
    signal N as the status 128 + N: a process that catches SIGTERM and then exits with 143 reads
    the same. SIG-15 shows the exact status, as a parent sees it.

    Given participants alice and bob
    When alice sends SIGTERM to bob
    Then bob ends, killed by SIGTERM

  @SIG-05 @must @SEED-SIG-4 @signal(7) @sigaction(2) @requires:signal.terminate @requires:signal.catch
  Scenario: A process can catch SIGTERM, and exit in its own time
    Given participants alice and bob
    And bob catches SIGTERM
    When alice sends SIGTERM to bob
    Then bob receives SIGTERM exactly once
    And bob is still running
    And bob exits normally

  @SIG-06 @must @SEED-SIG-4 @signal(7) @requires:signal.terminate @requires:signal.catch
  Scenario: A process can ignore SIGTERM
    Given participants alice and bob
    And bob ignores SIGTERM
    When alice sends SIGTERM to bob
    Then bob is still running

  @SIG-07 @must @SEED-SIG-4 @signal(7) @requires:signal.terminate
  Scenario: SIGKILL ends a process
    Given participants alice and bob
    When alice sends SIGKILL to bob
    Then bob ends, killed by SIGKILL

  @SIG-08 @must @signal(7) @sigaction(2) @requires:signal.catch
  Scenario: SIGKILL can be neither caught nor ignored
    Given participant bob
    When bob tries to catch SIGKILL
    Then that catch fails with EINVAL
    When bob tries to ignore SIGKILL
    Then that catch fails with EINVAL

  @SIG-09 @must @signal(7) @sigprocmask(2) @requires:signal.terminate @requires:signal.mask
  Scenario: Blocking SIGKILL has no effect: it still ends the process
    sigprocmask silently leaves SIGKILL out of the mask.

    Given participants alice and bob
    And bob blocks SIGKILL
    When alice sends SIGKILL to bob
    Then bob ends, killed by SIGKILL

  @SIG-10 @must @kill(2) @requires:signal.terminate
  Scenario: Signalling a process that does not exist fails with ESRCH
    Given participant alice
    When alice tries to send SIGTERM to a process that has ended
    Then that send fails with ESRCH

  @SIG-11 @must @kill(2) @requires:signal.terminate
  Scenario: The null signal checks that a process exists, and delivers nothing
    Given participants alice and bob
    When alice tries to send the null signal to bob
    Then that send succeeds
    And bob is still running
    When alice tries to send the null signal to a process that has ended
    Then that send fails with ESRCH

  @SIG-12 @must @SEED-SIG-1 @signal(7) @sigprocmask(2) @sigpending(2) @requires:signal.catch @requires:signal.send @requires:signal.mask
  Scenario: A blocked signal stays pending until it is unblocked
    Given participants alice and bob
    And bob catches SIGUSR1
    And bob blocks SIGUSR1
    When alice sends SIGUSR1 to bob
    Then bob does not receive SIGUSR1
    And SIGUSR1 is pending for bob
    When bob unblocks SIGUSR1
    Then bob receives SIGUSR1 exactly once
    And SIGUSR1 is not pending for bob

  @SIG-13 @must @signal(7) @requires:signal.catch @requires:signal.send @requires:signal.mask
  Scenario: Standard signals do not queue: three sends while blocked arrive once
    A standard signal is a flag: while it is pending, more of the same are lost.

    Given participants alice and bob
    And bob catches SIGUSR2
    And bob blocks SIGUSR2
    When alice sends SIGUSR2 to bob 3 times
    Then bob does not receive SIGUSR2
    And SIGUSR2 is pending for bob
    When bob unblocks SIGUSR2
    Then bob receives SIGUSR2 exactly once

  @SIG-14 @must @signal(7) @sigqueue(3) @requires:signal.catch @requires:signal.mask @requires:signal.send @requires:signal.queue
  Scenario: Real-time signals queue, in order, each with its value
    Given participants alice and bob
    And bob catches SIGRTMIN
    And bob blocks SIGRTMIN
    When alice queues SIGRTMIN to bob with the values 1, 2 and 3
    Then bob does not receive SIGRTMIN
    And SIGRTMIN is pending for bob
    When bob unblocks SIGRTMIN
    Then bob receives SIGRTMIN 3 times, with the values 1, 2 and 3 in that order

  @SIG-15 @must @SEED-SIG-4 @wait(2) @signal(7) @requires:process.spawn @requires:signal.terminate
  Scenario: The parent learns from the exit status which signal ended its child
    Given participants alice and bob
    And alice has spawned the child kid
    When bob sends SIGTERM to kid
    Then alice sees kid end, killed by SIGTERM

  @SIG-16 @should @signal(7) @requires:signal.send
  Scenario: SIGUSR1's default action ends the process
    A user signal nobody catches is not harmless: its default action is to terminate.

    Given participants alice and bob
    When alice sends SIGUSR1 to bob
    Then bob ends, killed by SIGUSR1

  @SIG-17 @should @signal(7) @sigaction(2) @requires:signal.terminate @requires:signal.catch
  Scenario: Restoring the default action undoes a handler
    Given participants alice and bob
    And bob catches SIGTERM
    And bob restores the default action for SIGTERM
    When alice sends SIGTERM to bob
    Then bob ends, killed by SIGTERM

  @SIG-18 @must @kill(2) @credentials(7) @requires:signal.send @requires:signal.catch
  Scenario: A process may not signal a process of another user
    An unprivileged process may only signal processes of its own user (its real or effective
    user ID must match the target's real or saved one); the system refuses with EPERM and the
    target notices nothing. The suite starts mallory as an unprivileged user, which it can only do
    when it runs as root: elsewhere this scenario does not apply.

    Given participant bob
    And participant mallory, running as another user
    And bob catches SIGUSR1
    When mallory tries to send SIGUSR1 to bob
    Then that send fails with EPERM
    And bob does not receive SIGUSR1

  @SIG-19 @should @kill(2) @requires:signal.terminate
  Scenario: The null signal tells "exists, but not yours" apart from "no such process"
    Probing with signal 0 runs the permission check too: for a process of another user the answer
    is EPERM, which tells that the process exists, where a missing one gives ESRCH.

    Given participant bob
    And participant mallory, running as another user
    When mallory tries to send the null signal to bob
    Then that send fails with EPERM
    When mallory tries to send the null signal to a process that has ended
    Then that send fails with ESRCH

  @SIG-20 @isolation @must @SEED-SIG-2 @kill(2) @pid_namespaces(7) @requires:signal.catch @requires:signal.send
  Scenario: A signal cannot reach a process in another PID namespace
    A process names the target of kill(2) by a pid of its own namespace. The number the machine
    knows bob by names no process in alice's namespace.

    Given participants alice and bob, in separate PID namespaces
    And bob catches SIGUSR1
    Then alice and bob are in different PID namespaces
    When alice tries to send SIGUSR1 to the pid this machine knows bob by
    Then that send fails with ESRCH
    And bob does not receive SIGUSR1
