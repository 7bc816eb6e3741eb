package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** features/README.md lists every step the suite defines, so readers of the features can trust it. */
class VocabularyDocTest {
  /** Every class of the steps package, so that a new step class cannot be forgotten here. */
  private static final List<Class<?>> STEP_CLASSES = new ClassFileImporter()
      .importPackages("org.ipcspec.suite.steps").stream()
      .map(JavaClass::reflect).toList();

  @Test
  void everyStepDefinitionIsListedInTheFeaturesReadme() throws Exception {
    String readme = Files.readString(Bundled.home().resolve("features/README.md"));
    List<String> missing = new ArrayList<>();
    for (Class<?> steps : STEP_CLASSES) {
      for (Method method : steps.getDeclaredMethods()) {
        for (String pattern : patterns(method)) {
          if (!readme.contains("- `" + pattern + "`")) {
            missing.add(pattern);
          }
        }
      }
    }
    assertThat(missing).as("steps missing from features/README.md").isEmpty();
  }

  private static List<String> patterns(Method method) {
    List<String> found = new ArrayList<>();
    if (method.getAnnotation(Given.class) != null) {
      found.add(method.getAnnotation(Given.class).value());
    }
    if (method.getAnnotation(When.class) != null) {
      found.add(method.getAnnotation(When.class).value());
    }
    if (method.getAnnotation(Then.class) != null) {
      found.add(method.getAnnotation(Then.class).value());
    }
    return found;
  }
}
