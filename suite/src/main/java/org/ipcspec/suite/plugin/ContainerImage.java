package org.ipcspec.suite.plugin;

import java.nio.file.Path;

/**
 * The image a plugin's agents run in when each participant has a container of its own: an image
 * already on the local engine, or one built from a Dockerfile in the plugin's folder.
 *
 * @param name the image's name, or null when it is built from {@code dockerfile}
 * @param dockerfile the absolute path of the Dockerfile, whose folder is the build context; or null
 */
public record ContainerImage(String name, Path dockerfile) {
  /** The image the bundled plugins use, built by fixtures/images/base/build.sh: Debian, no registry needed. */
  public static final ContainerImage BASE = named("ipcspec/base:bookworm");

  public ContainerImage {
    if ((name == null) == (dockerfile == null)) {
      throw new IllegalArgumentException("an image has a name or a Dockerfile, and not both");
    }
  }

  public static ContainerImage named(String name) {
    return new ContainerImage(name, null);
  }

  public static ContainerImage fromDockerfile(Path dockerfile) {
    return new ContainerImage(null, dockerfile);
  }

  public boolean built() {
    return dockerfile != null;
  }

  @Override
  public String toString() {
    return built() ? "the image of " + dockerfile : name;
  }
}
