package org.ipcspec.suite.agent;

import org.ipcspec.suite.plugin.ContainerImage;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.testcontainers.DockerClientFactory;

/** Whether containers can run here: an engine that answers, and the image a plugin needs. */
public final class ContainerEngine {
  private ContainerEngine() {}

  /** Why no container can run here, in one line, whatever the image; null when they can. */
  public static String unavailableBecause() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker engine answers here (is dockerd running?)";
    } catch (RuntimeException e) {
      return "the Docker engine cannot be used: " + firstLine(e);
    }
  }

  /** Why containers of this image cannot run here, in one line; null when they can. */
  public static String unavailableBecause(String image) {
    String engine = unavailableBecause();
    if (engine != null) {
      return engine;
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return null;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return "the image " + image + " is not on this machine"
          + (image.equals(ContainerImage.BASE.name()) ? " (fixtures/images/base/build.sh builds it)" : "");
    } catch (RuntimeException e) {
      return "the Docker engine cannot be used: " + firstLine(e);
    }
  }

  /**
   * Why the plugin's agents cannot run in containers here, in one line; null when they can. Builds
   * the plugin's image first when it comes from a Dockerfile.
   *
   * @throws HarnessException when the plugin's Dockerfile does not build
   */
  public static String unavailableFor(PluginDescriptor plugin) {
    String engine = unavailableBecause();
    return engine != null ? engine : unavailableBecause(ContainerImages.prepare(plugin));
  }

  private static String firstLine(RuntimeException e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }
}
