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
  public static final String BASE_IMAGE = org.ipcspec.suite.plugin.ContainerImage.BASE.name();

  private final String image;
  /** The suite's pid first: a later run removes the containers of a run whose process is gone. */
  private final String runId = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  private final ContainerCosts costs = new ContainerCosts();
  /** Once set, no container is started any more: the run is ending, perhaps interrupted. */
  private volatile boolean closed;
  /** Per scenario folder, what its participants share. */
  private final Map<Path, ScenarioSpace> scenarios = new java.util.concurrent.ConcurrentHashMap<>();

  /** One scenario's sharing, and the holder container and network made for it, if any. */
  private static final class ScenarioSpace {
    final Path exchangeFolder;
    final Sharing sharing;
    GenericContainer<?> holder;
    String network;

    ScenarioSpace(Path exchangeFolder, Sharing sharing) {
      this.exchangeFolder = exchangeFolder;
      this.sharing = sharing;
    }
  }

  private ContainerLauncher(String image) {
    this.image = image;
    removeStale();
  }

  /** Removes the containers and networks of earlier runs whose suite process has ended (killed outright, say). */
  private static void removeStale() {
    DockerClient docker = DockerClientFactory.instance().client();
    for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN_LABEL)).exec()) {
      if (runEnded(container.getLabels())) {
        remove(docker, container.getId());
      }
    }
    for (com.github.dockerjava.api.model.Network network : docker.listNetworksCmd().withFilter("label", List.of(RUN_LABEL)).exec()) {
      if (runEnded(network.getLabels())) {
        removeNetwork(docker, network.getId());
      }
    }
  }

  /** Whether the run that labelled a resource has ended: its suite process is gone. */
  private static boolean runEnded(Map<String, String> labels) {
    String run = labels.getOrDefault(RUN_LABEL, "");
    String pid = run.contains("-") ? run.substring(0, run.indexOf('-')) : "";
    return !pid.matches("[0-9]+") || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
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

  /**
   * A launcher for the plugin's agents, in the image its descriptor asks for (built first when it
   * comes from a Dockerfile); without an engine, one whose every scenario is NOT_APPLICABLE.
   *
   * @throws HarnessException when the plugin's Dockerfile does not build
   */
  public static AgentLauncher forPlugin(org.ipcspec.suite.plugin.PluginDescriptor plugin) {
    String engine = engineUnavailableBecause();
    return engine != null ? AgentLauncher.unavailable(engine) : onLocalEngine(ContainerImages.prepare(plugin));
  }

  /** Why no container can run here, in one line, whatever the image; null when they can. */
  public static String engineUnavailableBecause() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker engine answers here (is dockerd running?)";
    } catch (RuntimeException e) {
      return "the Docker engine cannot be used: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
  }

  /**
   * Why the plugin's agents cannot run in containers here, in one line; null when they can. Builds
   * the plugin's image first when it comes from a Dockerfile.
   *
   * @throws HarnessException when the plugin's Dockerfile does not build
   */
  public static String unavailableFor(org.ipcspec.suite.plugin.PluginDescriptor plugin) {
    String engine = engineUnavailableBecause();
    return engine != null ? engine : unavailableBecause(ContainerImages.prepare(plugin));
  }

  /** Why containers cannot run here, in one line; null when they can. */
  public static String unavailableBecause(String image) {
    String engine = engineUnavailableBecause();
    if (engine != null) {
      return engine;
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return null;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return message.contains("No such image")
          ? "the image " + image + " is not on this machine" + (image.equals(org.ipcspec.suite.plugin.ContainerImage.BASE.name())
              ? " (fixtures/images/base/build.sh builds it)" : "")
          : "the Docker engine cannot be used: " + message;
    }
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
   * The scenario's holder: a container that does nothing but own the namespaces its participants
   * share, so that any of them may end without taking the others along (the first process of a
   * PID namespace takes every other with it when it ends). None when they share no namespace.
   */
  private String holder(ScenarioSpace space) {
    Sharing sharing = space.sharing;
    if (!sharing.shares(Sharing.Resource.PID_NAMESPACE) && !sharing.shares(Sharing.Resource.IPC_NAMESPACE)
        && !sharing.shares(Sharing.Resource.NETWORK_NAMESPACE)) {
      return null;
    }
    synchronized (space) {
      if (space.holder == null) {
        refuseWhenClosed();
        GenericContainer<?> holder = new GenericContainer<>(DockerImageName.parse(image))
            .withImagePullPolicy(name -> false)
            .withCommand("sh", "-c", "while :; do sleep 3600; done")
            .withLabel(RUN_LABEL, runId)
            .withStartupCheckStrategy(new StartsAtOnce())
            .waitingFor(new ReadyAtOnce())
            .withCreateContainerCmdModifier(create -> closed(create.getHostConfig())
                .withNetworkMode("none").withIpcMode("shareable").withPidsLimit(1024L));
        start(holder);
        space.holder = holder;
      }
      return "container:" + space.holder.getContainerId();
    }
  }

  /** The scenario's internal network, made at its first participant: no gateway, nothing outside. */
  private String network(ScenarioSpace space) {
    synchronized (space) {
      if (space.network == null) {
        refuseWhenClosed();
        String name = "ipcspec-" + UUID.randomUUID();
        DockerClientFactory.instance().client().createNetworkCmd().withName(name).withDriver("bridge")
            .withInternal(true).withLabels(Map.of(RUN_LABEL, runId)).exec();
        space.network = name;
      }
      return space.network;
    }
  }

  @Override
  public void endScenario(Path scenarioDir) {
    ScenarioSpace space = scenarios.remove(scenarioDir);
    if (space == null) {
      return;
    }
    if (space.holder != null) {
      stop(space.holder);
    }
    if (space.network != null) {
      removeNetwork(DockerClientFactory.instance().client(), space.network);
    }
  }

  private static void removeNetwork(DockerClient docker, String name) {
    try {
      docker.removeNetworkCmd(name).exec();
    } catch (RuntimeException e) {
      // Gone meanwhile.
    }
  }

  @Override
  public java.nio.file.Path sharedMemoryFolder(Path scenarioDir) {
    ScenarioSpace space = scenarios.get(scenarioDir);
    GenericContainer<?> holder = space == null || !space.sharing.shares(Sharing.Resource.IPC_NAMESPACE) ? null : space.holder;
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
    ScenarioSpace space = space(spec.scenarioDirectory());
    Sharing sharing = space.sharing;
    String holder = holder(space);
    String network = sharing.shares(Sharing.Resource.INTERNAL_NETWORK) ? network(space)
        : sharing.shares(Sharing.Resource.NETWORK_NAMESPACE) ? holder : "none";
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
          // Only what the scenario's mechanism needs is shared; the rest is the container's own.
          com.github.dockerjava.api.model.HostConfig host = closed(create.getHostConfig())
              .withNetworkMode(network)
              .withIpcMode(sharing.shares(Sharing.Resource.IPC_NAMESPACE) ? holder : "private");
          if (sharing.shares(Sharing.Resource.PID_NAMESPACE)) {
            host.withPidMode(holder);
          }
          host.withPidsLimit(256L)
              .withMemory(1L << 30);
          if (spec.user() != null) {
            create.withUser(spec.user().uid() + ":" + spec.user().gid());
          }
        });
    if (!sharing.shares(Sharing.Resource.EXCHANGE_FOLDER)) {
      // An exchange folder of its own, empty, over the one the scenario's folder brings along.
      container.withTmpFs(Map.of("/tmp", "rw", space.exchangeFolder.toString(), "rw,mode=1777"));
    }
    for (Path folder : readOnlyFolders(spec)) {
      container.withFileSystemBind(folder.toString(), folder.toString(), BindMode.READ_ONLY);
    }
    start(container);
    Long pid = container.getContainerInfo().getState().getPidLong();
    ProcessHandle init = pid == null ? null : ProcessHandle.of(pid).orElse(null);
    String address = network.equals(space.network)
        ? container.getContainerInfo().getNetworkSettings().getNetworks().get(network).getIpAddress() : null;
    return new ContainerProcess(this, container, init, address);
  }

  private void start(GenericContainer<?> container) {
    costs.starting(container::start);
  }

  /** Stops and removes a container, counting the time it takes. */
  void stop(GenericContainer<?> container) {
    costs.removing(container::stop);
  }

  /** What the containers cost the run: how many, and the time spent starting and removing them. */
  public String cost() {
    return "in " + image + ", " + costs;
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
          folders.addAll(linkedFolders(javaHome.resolve("conf")));
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

  /** The folders that the links inside {@code folder} point into (Debian keeps a JDK's conf in /etc). */
  private static Set<Path> linkedFolders(Path folder) throws IOException {
    Set<Path> linked = new LinkedHashSet<>();
    if (!Files.isDirectory(folder)) {
      return linked;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isSymbolicLink).filter(Files::exists).toList()) {
        Path real = path.toRealPath();
        linked.add(Files.isDirectory(real) ? real : real.getParent());
      }
    }
    return linked;
  }

  /**
   * Removes every container and network of this run, running or not. Twice: a container whose start was
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
      // A network goes once the containers on it are gone.
      for (com.github.dockerjava.api.model.Network network
          : docker.listNetworksCmd().withFilter("label", List.of(RUN_LABEL + "=" + runId)).exec()) {
        removeNetwork(docker, network.getId());
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
