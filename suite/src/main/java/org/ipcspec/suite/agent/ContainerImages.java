package org.ipcspec.suite.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.ipcspec.suite.plugin.ContainerImage;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image a plugin's agents run in, on the local engine: the one its descriptor names, or one
 * built from the Dockerfile in its folder. A built image is named after the plugin and the content
 * of its build folder, so it is built once and reused until that content changes.
 */
public final class ContainerImages {
  /** The label on every image built for a plugin; its value is the plugin's id. */
  public static final String PLUGIN_LABEL = "org.ipcspec.plugin";

  private ContainerImages() {}

  /**
   * The name of the plugin's image on the local engine, building it first when it comes from a
   * Dockerfile and is not built yet. A build that fails stops the run: the plugin is broken.
   */
  public static String prepare(PluginDescriptor plugin) {
    ContainerImage image = plugin.image();
    if (!image.built()) {
      return image.name();
    }
    String name = nameOf(plugin.id(), image.dockerfile());
    if (exists(name)) {
      return name;
    }
    for (String base : basesOf(image.dockerfile())) {
      if (!exists(base)) {
        throw new HarnessException("the Dockerfile of plugin " + plugin.id() + " (" + image.dockerfile() + ") starts FROM " + base
            + ", which is not on this machine; images are built here from local ones, none is pulled");
      }
    }
    try {
      new ImageFromDockerfile(name, false).withDockerfile(image.dockerfile())
          .withBuildImageCmdModifier(build -> build.withLabels(Map.of(PLUGIN_LABEL, plugin.id())).withPull(false).withForcerm(true))
          .get();
      return name;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
      throw new HarnessException("the Dockerfile of plugin " + plugin.id() + " (" + image.dockerfile() + ") did not build: " + first, e);
    }
  }

  /** {@code ipcspec/plugin-ID:HASH}, HASH from the paths and bytes of every file of the build folder. */
  static String nameOf(String pluginId, Path dockerfile) {
    Path context = dockerfile.getParent();
    try (Stream<Path> walk = Files.walk(context)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(context.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
      return "ipcspec/plugin-" + pluginId + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new HarnessException("cannot read the build folder of plugin " + pluginId + " (" + context + "): " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The images a Dockerfile's stages start from, leaving out earlier stages and {@code scratch}. */
  static java.util.List<String> basesOf(Path dockerfile) {
    java.util.regex.Pattern from = java.util.regex.Pattern.compile(
        "\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);
    java.util.Set<String> stages = new java.util.HashSet<>(java.util.Set.of("scratch"));
    java.util.List<String> bases = new java.util.ArrayList<>();
    try {
      for (String line : Files.readAllLines(dockerfile)) {
        java.util.regex.Matcher m = from.matcher(line);
        if (m.matches()) {
          if (!stages.contains(m.group(1).toLowerCase(java.util.Locale.ROOT)) && !m.group(1).contains("$")) {
            bases.add(m.group(1));
          }
          if (m.group(2) != null) {
            stages.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    } catch (IOException e) {
      throw new HarnessException("cannot read " + dockerfile + ": " + e.getMessage(), e);
    }
    return bases;
  }

  private static boolean exists(String name) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(name).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }
}
