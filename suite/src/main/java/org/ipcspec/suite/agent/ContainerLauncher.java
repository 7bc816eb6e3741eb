package org.ipcspec.suite.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ipcspec.suite.plugin.ContainerImage;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Each agent in a container of its own, on the local Docker engine, through Testcontainers. A
 * container sees the scenario's folder (its control socket, its output, its scratch folder) and,
 * read-only, the plugin's files; it shares with the scenario's other participants only what the
 * scenario's {@link Sharing} names. Everything else is closed: a read-only root, no
 * capabilities, no new privileges, bounded processes and memory, no network unless shared.
 * Everything it makes carries the run's label ({@link RunResources}), so that {@link #close()}
 * removes it all, whatever happened.
 */
public final class ContainerLauncher implements AgentLauncher, AutoCloseable {
  /** The label on every container and network of a run; its value is the run's id. */
  public static final String RUN_LABEL = RunResources.LABEL;
  /** The image the bundled plugins' agents run in, built by fixtures/images/base/build.sh. */
  public static final String BASE_IMAGE = ContainerImage.BASE.name();

  private final String image;
  private final RunResources resources = new RunResources();
  private final ContainerCosts costs = new ContainerCosts();
  /** Once set, no container is started any more: the run is ending, perhaps interrupted. */
  private volatile boolean closed;
  /** Held to read while a container or network is being made; {@link #close()} takes it to write. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Per scenario folder, what its participants share. */
  private final Map<Path, ScenarioSpace> scenarios = new ConcurrentHashMap<>();

  private ContainerLauncher(String image) {
    this.image = image;
    RunResources.removeStale();
  }

  /**
   * A launcher on the local engine, or, when there is none or the image is missing, one whose
   * every scenario is NOT_APPLICABLE with the one-line reason.
   */
  public static AgentLauncher onLocalEngine(String image) {
    String problem = ContainerEngine.unavailableBecause(image);
    return problem == null ? new ContainerLauncher(image) : AgentLauncher.unavailable(problem);
  }

  /**
   * A launcher for the plugin's agents, in the image its descriptor asks for (built first when it
   * comes from a Dockerfile); without an engine, one whose every scenario is NOT_APPLICABLE.
   *
   * @throws HarnessException when the plugin's Dockerfile does not build
   */
  public static AgentLauncher forPlugin(PluginDescriptor plugin) {
    String engine = ContainerEngine.unavailableBecause();
    return engine != null ? AgentLauncher.unavailable(engine) : onLocalEngine(ContainerImages.prepare(plugin));
  }

  @Override
  public boolean separatesParticipants() {
    return true;
  }

  @Override
  public void beginScenario(Path scenarioDir, Path exchangeFolder, Sharing sharing) {
    refuseWhenClosed();
    scenarios.computeIfAbsent(scenarioDir, dir -> new ScenarioSpace(exchangeFolder, sharing));
  }

  private ScenarioSpace space(Path scenarioDir) {
    ScenarioSpace space = scenarios.get(scenarioDir);
    if (space == null) {
      throw new HarnessException("no scenario began in " + scenarioDir + ": the launcher does not know what its participants share");
    }
    return space;
  }

  /**
   * Makes, once, what the scenario's participants join: the holder, a container that does
   * nothing but own the namespaces they share (the first process of a PID namespace takes every
   * other with it when it ends, so no participant may own it), and the internal network.
   */
  private void prepare(ScenarioSpace space) {
    synchronized (space) {
      if (space.sharing().needsHolder() && space.holder() == null) {
        GenericContainer<?> holder = new GenericContainer<>(DockerImageName.parse(image))
            .withImagePullPolicy(name -> false)
            .withCommand("sh", "-c", "while :; do sleep 3600; done")
            .withLabel(RUN_LABEL, resources.runId())
            .withStartupCheckStrategy(new StartsAtOnce())
            .waitingFor(new ReadyAtOnce())
            .withCreateContainerCmdModifier(create -> closed(create.getHostConfig())
                .withNetworkMode("none").withIpcMode("shareable").withPidsLimit(1024L));
        start(holder);
        space.holder(holder);
      }
      if (space.sharing().shares(Sharing.Resource.INTERNAL_NETWORK) && space.network() == null) {
        space.network(whileOpen(resources::createInternalNetwork));
      }
    }
  }

  @Override
  public void endScenario(Path scenarioDir) {
    ScenarioSpace space = scenarios.remove(scenarioDir);
    if (space == null) {
      return;
    }
    try {
      if (space.holder() != null) {
        stop(space.holder());
      }
    } finally {
      if (space.network() != null) {
        resources.removeNetwork(space.network());
      }
    }
  }

  @Override
  public Path sharedMemoryFolder(Path scenarioDir) {
    ScenarioSpace space = space(scenarioDir);
    if (!space.sharing().shares(Sharing.Resource.IPC_NAMESPACE) || space.holder() == null) {
      throw new HarnessException("the participants of this scenario share no IPC namespace, so there is no one /dev/shm to look into");
    }
    // The holder's /dev/shm, as this machine sees into it.
    return Path.of("/proc", space.holder().getContainerInfo().getState().getPidLong().toString(), "root", "dev", "shm");
  }

  /**
   * What every container of a run gets: a read-only root, no capabilities, no new privileges, and
   * an init of its own, which reaps orphans and passes on how its process ended.
   */
  private static HostConfig closed(HostConfig host) {
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
    ScenarioSpace space = space(spec.scenarioDirectory());
    prepare(space);
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
        .withLabel(RUN_LABEL, resources.runId())
        .withTmpFs(space.tmpfs())
        .withFileSystemBind(spec.scenarioDirectory().toString(), spec.scenarioDirectory().toString(), BindMode.READ_WRITE)
        .withStartupCheckStrategy(new StartsAtOnce())
        .waitingFor(new ReadyAtOnce())
        .withCreateContainerCmdModifier(create -> {
          space.configure(closed(create.getHostConfig()).withPidsLimit(256L).withMemory(1L << 30));
          if (spec.user() != null) {
            create.withUser(spec.user().uid() + ":" + spec.user().gid());
          }
        });
    for (Path folder : readOnlyFolders(spec)) {
      container.withFileSystemBind(folder.toString(), folder.toString(), BindMode.READ_ONLY);
    }
    start(container);
    try {
      Long pid = container.getContainerInfo().getState().getPidLong();
      ProcessHandle init = pid == null ? null : ProcessHandle.of(pid).orElse(null);
      String address = space.network() == null ? null
          : container.getContainerInfo().getNetworkSettings().getNetworks().get(space.network()).getIpAddress();
      return new ContainerProcess(this, container, init, address);
    } catch (RuntimeException e) {
      stop(container);
      throw new HarnessException("the container of " + spec.participant() + " started, but cannot be inspected: " + e.getMessage(), e);
    }
  }

  /** Starts a container; if the run ended meanwhile, removes it again, as close() may have missed it. */
  private void start(GenericContainer<?> container) {
    whileOpen(() -> {
      costs.starting(container::start);
      return container;
    });
  }

  /**
   * Makes something on the engine unless the run is ending; {@link #close()} waits for whatever
   * is being made, so that its sweep finds it.
   */
  private <T> T whileOpen(Supplier<T> make) {
    lifecycle.readLock().lock();
    try {
      refuseWhenClosed();
      return make.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Stops and removes a container, counting the time it takes. */
  void stop(GenericContainer<?> container) {
    costs.removing(container::stop);
  }

  /** What the containers cost the run: the image, how many, and the time spent starting and removing them. */
  public String cost() {
    return "in " + image + ", " + costs;
  }

  /** Where an image keeps its operating system; a command's program there (say /usr/bin/python3) is the image's. */
  private static final List<Path> SYSTEM_FOLDERS = Stream.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc").map(Path::of).toList();

  /** The plugin's folder, the folders its command names (except the system's), and the Java it runs on, if any. */
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
          folders.addAll(linkedFolders(javaHome.resolve("conf")));
          continue;
        }
        if (SYSTEM_FOLDERS.stream().anyMatch(path::startsWith)) {
          continue; // the image has its own: binding this machine's over it would mix two systems
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

  /** The folders that the links inside {@code folder} point into (Debian keeps a JDK's conf in /etc). */
  private static Set<Path> linkedFolders(Path folder) throws IOException {
    Set<Path> linked = new LinkedHashSet<>();
    if (!Files.isDirectory(folder)) {
      return linked;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isSymbolicLink).filter(Files::exists).toList()) {
        Path real = path.toRealPath();
        linked.add(Files.isDirectory(real) ? real : real.getParent());
      }
    }
    return linked;
  }

  /** Removes every container and network of this run, running or not. */
  @Override
  public void close() {
    closed = true;
    try {
      // A start under way takes a few seconds at most; a hung engine must not hold the exit for ever.
      if (lifecycle.writeLock().tryLock(60, TimeUnit.SECONDS)) {
        lifecycle.writeLock().unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resources.removeAll();
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
