package org.ipcspec.suite.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Each agent in a container of its own, on the local Docker engine, through Testcontainers. The
 * container sees the scenario's folder (its control socket, scratch and exchange folders) and,
 * read-only, the plugin's files; nothing else: no network, a read-only root, no capabilities,
 * no new privileges, bounded processes and memory. Every container carries the run's label, so
 * that {@link #close()} removes them all, whatever happened (Testcontainers' own reaper needs
 * an image this machine cannot pull).
 */
public final class ContainerLauncher implements AgentLauncher, AutoCloseable {
  /** The label on every container of a run; its value is the run's id. */
  public static final String RUN_LABEL = "org.ipcspec.run";
  /** The image the bundled plugins' agents run in, built by fixtures/images/base/build.sh. */
  public static final String BASE_IMAGE = "ipcspec/base:bookworm";

  private final String image;
  /** The suite's pid first: a later run removes the containers of a run whose process is gone. */
  private final String runId = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  /** Containers started, and the time spent starting and removing them, for {@link #cost()}. */
  private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong startingNanos = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong removingNanos = new java.util.concurrent.atomic.AtomicLong();
  /** Once set, no container is started any more: the run is ending, perhaps interrupted. */
  private volatile boolean closed;
  /** Per scenario folder, the container that holds the namespaces its participants share. */
  private final Map<Path, GenericContainer<?>> holders = new java.util.concurrent.ConcurrentHashMap<>();

  private ContainerLauncher(String image) {
    this.image = image;
    removeStale();
  }

  /** Removes the containers of earlier runs whose suite process has ended (killed outright, say). */
  private static void removeStale() {
    DockerClient docker = DockerClientFactory.instance().client();
    for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN_LABEL)).exec()) {
      String run = container.getLabels().getOrDefault(RUN_LABEL, "");
      String pid = run.contains("-") ? run.substring(0, run.indexOf('-')) : "";
      boolean ended = !pid.matches("[0-9]+") || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
      if (ended) {
        remove(docker, container.getId());
      }
    }
  }

  private static void remove(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      // Gone meanwhile.
    }
  }

  /**
   * A launcher on the local engine, or, when there is none or the image is missing, one whose
   * every scenario is NOT_APPLICABLE with the one-line reason.
   */
  public static AgentLauncher onLocalEngine(String image) {
    String problem = unavailableBecause(image);
    return problem == null ? new ContainerLauncher(image) : AgentLauncher.unavailable(problem);
  }

  /** Why containers cannot run here, in one line; null when they can. */
  public static String unavailableBecause(String image) {
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return "no Docker engine answers here (is dockerd running?)";
      }
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return null;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return message.contains("No such image")
          ? "the image " + image + " is not built (fixtures/images/base/build.sh builds it)"
          : "the Docker engine cannot be used: " + message;
    }
  }

  /**
   * The scenario's holder: a container that does nothing but own the IPC, PID and network
   * namespaces its participants join, so that any of them may end without taking the others
   * along (the first process of a PID namespace takes every other with it when it ends).
   */
  private GenericContainer<?> holder(Path scenarioDir) {
    refuseWhenClosed();
    return holders.computeIfAbsent(scenarioDir, dir -> {
      GenericContainer<?> holder = new GenericContainer<>(DockerImageName.parse(image))
          .withImagePullPolicy(name -> false)
          .withCommand("sh", "-c", "while :; do sleep 3600; done")
          .withLabel(RUN_LABEL, runId)
          .withStartupCheckStrategy(new StartsAtOnce())
          .waitingFor(new ReadyAtOnce())
          .withCreateContainerCmdModifier(create -> closed(create.getHostConfig())
              .withNetworkMode("none").withIpcMode("shareable").withPidsLimit(1024L));
      start(holder);
      return holder;
    });
  }

  @Override
  public void endScenario(Path scenarioDir) {
    GenericContainer<?> holder = holders.remove(scenarioDir);
    if (holder != null) {
      stop(holder);
    }
  }

  @Override
  public java.nio.file.Path sharedMemoryFolder(Path scenarioDir) {
    GenericContainer<?> holder = holders.get(scenarioDir);
    Long pid = holder == null ? null : holder.getContainerInfo().getState().getPidLong();
    // The holder's /dev/shm, as this machine sees into it.
    return pid == null ? AgentLauncher.super.sharedMemoryFolder(scenarioDir) : Path.of("/proc", pid.toString(), "root", "dev", "shm");
  }

  /**
   * What every container of a run gets: a read-only root, no capabilities, no new privileges, and
   * an init of its own, which reaps orphans and passes on how its process ended.
   */
  private static com.github.dockerjava.api.model.HostConfig closed(com.github.dockerjava.api.model.HostConfig host) {
    return host.withReadonlyRootfs(true).withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges")).withInit(true);
  }

  private void refuseWhenClosed() {
    if (closed) {
      throw new HarnessException("the run is ending: no container is started any more");
    }
  }

  @Override
  public AgentProcess launch(LaunchSpec spec) throws IOException {
    refuseWhenClosed();
    // The agent's shell opens its output files inside the container, perhaps as another user.
    for (Path file : List.of(spec.stdout(), spec.stderr())) {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      if (spec.user() != null) {
        Files.setAttribute(file, "unix:uid", spec.user().uid());
      }
    }
    String shared = "container:" + holder(spec.scenarioDirectory()).getContainerId();
    List<String> command = new ArrayList<>(List.of("sh", "-c",
        "out=$1 err=$2; shift 2; exec \"$@\" </dev/null >>\"$out\" 2>>\"$err\"", "sh",
        spec.stdout().toString(), spec.stderr().toString()));
    command.addAll(spec.command());
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
        // Images are built on this machine; nothing can be pulled.
        .withImagePullPolicy(name -> false)
        .withCommand(command.toArray(String[]::new))
        .withEnv(spec.environment())
        .withWorkingDirectory(spec.workingDirectory().toString())
        .withLabel(RUN_LABEL, runId)
        .withTmpFs(Map.of("/tmp", "rw"))
        .withFileSystemBind(spec.scenarioDirectory().toString(), spec.scenarioDirectory().toString(), BindMode.READ_WRITE)
        .withStartupCheckStrategy(new StartsAtOnce())
        .waitingFor(new ReadyAtOnce())
        .withCreateContainerCmdModifier(create -> {
          // The scenario's participants share IPC objects, pids and the loopback interface.
          closed(create.getHostConfig())
              .withNetworkMode(shared).withIpcMode(shared).withPidMode(shared)
              .withPidsLimit(256L)
              .withMemory(1L << 30);
          if (spec.user() != null) {
            create.withUser(spec.user().uid() + ":" + spec.user().gid());
          }
        });
    for (Path folder : readOnlyFolders(spec)) {
      container.withFileSystemBind(folder.toString(), folder.toString(), BindMode.READ_ONLY);
    }
    start(container);
    Long pid = container.getContainerInfo().getState().getPidLong();
    ProcessHandle init = pid == null ? null : ProcessHandle.of(pid).orElse(null);
    return new ContainerProcess(this, container, init);
  }

  private void start(GenericContainer<?> container) {
    long begin = System.nanoTime();
    container.start();
    startingNanos.addAndGet(System.nanoTime() - begin);
    started.incrementAndGet();
  }

  /** Stops and removes a container, counting the time it takes. */
  void stop(GenericContainer<?> container) {
    long begin = System.nanoTime();
    container.stop();
    removingNanos.addAndGet(System.nanoTime() - begin);
  }

  /**
   * What the containers cost the run: how many, and the time spent starting and removing them,
   * summed over the threads that ran scenarios (with several jobs it can exceed the wall time).
   */
  public String cost() {
    return String.format(java.util.Locale.ROOT, "%d containers, %.1f s starting and %.1f s removing them (summed over jobs)",
        started.get(), startingNanos.get() / 1e9, removingNanos.get() / 1e9);
  }

  /** The plugin's folder, the folders its command names, and the Java it runs on, if any. */
  static Set<Path> readOnlyFolders(LaunchSpec spec) throws IOException {
    Set<Path> folders = new LinkedHashSet<>();
    folders.add(spec.pluginDirectory().toRealPath());
    Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
    for (String word : spec.command()) {
      for (String piece : word.split(":")) {
        if (!piece.startsWith("/")) {
          continue;
        }
        Path path = Path.of(piece.endsWith("/*") ? piece.substring(0, piece.length() - 2) : piece).normalize();
        if (!Files.exists(path)) {
          continue;
        }
        Path real = path.toRealPath();
        if (real.startsWith(javaHome)) {
          folders.add(javaHome);
          Path conf = javaHome.resolve("conf");
          if (Files.exists(conf)) {
            folders.add(conf.toRealPath());
          }
          continue;
        }
        folders.add(Files.isDirectory(real) ? real : real.getParent());
      }
    }
    // A folder inside another is already there.
    Set<Path> outermost = new LinkedHashSet<>();
    for (Path folder : folders) {
      if (folders.stream().noneMatch(other -> !other.equals(folder) && folder.startsWith(other))
          && !folder.startsWith(spec.scenarioDirectory())) {
        outermost.add(folder);
      }
    }
    return outermost;
  }

  /**
   * Removes every container of this run, running or not. Twice: a container whose start was
   * under way when the run was interrupted appears only after the first sweep.
   */
  @Override
  public void close() {
    closed = true;
    DockerClient docker = DockerClientFactory.instance().client();
    for (int sweep = 0; sweep < 2; sweep++) {
      for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RUN_LABEL, runId)).exec()) {
        remove(docker, container.getId());
      }
      try {
        Thread.sleep(sweep == 0 ? 500 : 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The agent's own hello says whether it started: Testcontainers need not wait for anything. */
  private static final class StartsAtOnce extends StartupCheckStrategy {
    @Override
    public StartupStatus checkStartupState(DockerClient docker, String containerId) {
      return StartupStatus.SUCCESSFUL;
    }
  }

  private static final class ReadyAtOnce extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {}
  }
}
