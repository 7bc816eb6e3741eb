package org.ipcspec.suite.agent;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ipcspec.suite.plugin.ContainerImage;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image a plugin's agents run in, on the local engine: the one its descriptor names, or one
 * built from the Dockerfile in its folder. A built image is named after the plugin, its build
 * folder's content and the images it starts from, so it is built once and reused until one of
 * them changes.
 */
public final class ContainerImages {
  /** The label on every image built for a plugin; its value is the plugin's id. */
  public static final String PLUGIN_LABEL = "org.ipcspec.plugin";

  private static final Pattern FROM = Pattern.compile("\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern COPY_FROM = Pattern.compile("\\s*COPY\\s+.*--from=(\\S+).*", Pattern.CASE_INSENSITIVE);

  private ContainerImages() {}

  /**
   * The name of the plugin's image on the local engine, building it first when it comes from a
   * Dockerfile and is not built yet. A build that cannot or does not succeed stops the run: the
   * plugin is broken.
   */
  public static String prepare(PluginDescriptor plugin) {
    ContainerImage image = plugin.image();
    if (!image.built()) {
      return image.name();
    }
    List<String> bases = basesOf(image.dockerfile());
    for (String base : bases) {
      if (!exists(base)) {
        throw new HarnessException("the Dockerfile of plugin " + plugin.id() + " (" + image.dockerfile() + ") starts from " + base
            + ", which is not on this machine; images are built here from local ones, none is pulled");
      }
    }
    String name = nameOf(plugin.id(), image.dockerfile(), bases.stream().map(ContainerImages::idOf).toList());
    if (exists(name)) {
      return name;
    }
    try {
      new ImageFromDockerfile(name, false).withDockerfile(image.dockerfile())
          // A failed step's container goes too.
          .withBuildImageCmdModifier(build -> build.withLabels(Map.of(PLUGIN_LABEL, plugin.id())).withPull(false).withForcerm(true))
          .get();
      return name;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
      throw new HarnessException("the Dockerfile of plugin " + plugin.id() + " (" + image.dockerfile() + ") did not build: " + first, e);
    }
  }

  /**
   * {@code ipcspec/plugin-ID:HASH}, HASH of the Dockerfile's place in its folder, the paths and
   * bytes of every file of the folder, and the ids of the images it starts from.
   */
  static String nameOf(String pluginId, Path dockerfile, List<String> baseIds) {
    Path context = dockerfile.getParent();
    try (Stream<Path> walk = Files.walk(context)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, dockerfile.getFileName().toString());
      baseIds.forEach(id -> update(digest, id));
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        update(digest, context.relativize(file).toString());
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
      return "ipcspec/plugin-" + pluginId + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new HarnessException("cannot read the build folder of plugin " + pluginId + " (" + context + "): " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /**
   * The images a Dockerfile builds on (its stages' FROM and COPY --from), leaving out its own
   * stages and {@code scratch}. A build argument in their place cannot be checked, so it is refused.
   */
  static List<String> basesOf(Path dockerfile) {
    Set<String> stages = new HashSet<>(Set.of("scratch"));
    List<String> bases = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(dockerfile);
    } catch (IOException e) {
      throw new HarnessException("cannot read " + dockerfile + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      Matcher from = FROM.matcher(line);
      Matcher copy = COPY_FROM.matcher(line);
      String image = from.matches() ? from.group(1) : copy.matches() ? copy.group(1) : null;
      if (image == null) {
        continue;
      }
      if (image.contains("$")) {
        throw new HarnessException(dockerfile + " builds on " + image + ": a build argument there cannot be checked for an image on this machine");
      }
      boolean stageNumber = copy.matches() && image.matches("[0-9]+");
      if (!stages.contains(image.toLowerCase(Locale.ROOT)) && !stageNumber && !bases.contains(image)) {
        bases.add(image);
      }
      if (from.matches() && from.group(2) != null) {
        stages.add(from.group(2).toLowerCase(Locale.ROOT));
      }
    }
    return bases;
  }

  private static boolean exists(String name) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static String idOf(String name) {
    return DockerClientFactory.instance().client().inspectImageCmd(name).exec().getId();
  }
}
