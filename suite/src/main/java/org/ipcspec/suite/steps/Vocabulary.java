package org.ipcspec.suite.steps;

import io.cucumber.java.ParameterType;
import java.util.Arrays;
import java.util.List;

/** The words of the features that are not plain strings and numbers. */
public class Vocabulary {

  /** One participant: {@code alice}. */
  @ParameterType("[a-z][a-z0-9]*")
  public String participant(String name) {
    return name;
  }

  /** Several participants: {@code alice, bob and carol}. */
  @ParameterType("[a-z][a-z0-9]*(?:(?:, | and )[a-z][a-z0-9]*)*")
  public List<String> participants(String names) {
    return Arrays.asList(names.split(", | and "));
  }

  /** Permission bits in octal: {@code 0640}. */
  @ParameterType("0[0-7]{3}")
  public Integer mode(String octal) {
    return Integer.parseInt(octal, 8);
  }

  /** A POSIX errno name: {@code ENXIO}. */
  @ParameterType("E[A-Z0-9]+")
  public String errno(String name) {
    return name;
  }

  /** Which end of a FIFO: {@code reading} or {@code writing}. */
  @ParameterType("reading|writing")
  public String access(String word) {
    return word.equals("reading") ? "read" : "write";
  }

  /** Which end of a pipe: {@code read} or {@code write}. */
  @ParameterType("read|write")
  public ScenarioWorld.End end(String word) {
    return word.equals("read") ? ScenarioWorld.End.READ : ScenarioWorld.End.WRITE;
  }

  /** A signal by its name in signal(7): {@code SIGUSR1}, {@code SIGRTMIN+1}. */
  @ParameterType("SIG[A-Z0-9]+(?:\\+[0-9]+)?")
  public String signal(String name) {
    return name;
  }

  /** A list of numbers: {@code 1, 2 and 3}. */
  @ParameterType("-?[0-9]+(?:(?:, | and )-?[0-9]+)*")
  public List<Integer> numbers(String list) {
    return Arrays.stream(list.split(", | and ")).map(Integer::valueOf).toList();
  }

  /** How a FIFO is created: {@code mkfifo} or {@code mknod}. */
  @ParameterType("mkfifo|mknod")
  public String call(String word) {
    return word;
  }

  @ParameterType("UNIX stream|UNIX datagram|TCP|UDP")
  public SocketKind socketKind(String words) {
    return SocketKind.byWords(words);
  }

  @ParameterType("sending|receiving")
  public String queueAccess(String word) {
    return word.equals("sending") ? "write" : "read";
  }

  /** A kind of namespace, as /proc/PID/ns names it. */
  @ParameterType("PID|IPC|network")
  public String namespace(String word) {
    return word.equals("network") ? "net" : word.toLowerCase(java.util.Locale.ROOT);
  }
}
