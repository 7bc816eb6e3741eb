package org.ipcspec.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: spec <- suite, spec <- plugins; the suite never knows a plugin, and
 * a plugin knows no other (the JVM plugins share plugins/nio-support).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.ipcspec");

  @Test
  void theSuiteNeverDependsOnAPluginOrAFixture() {
    noClasses().that().resideInAPackage("org.ipcspec.suite..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ipcspec.plugins..", "org.ipcspec.fixtures..")
        .check(CLASSES);
  }

  @Test
  void theSpecDependsOnNothingElseOfIpcspec() {
    noClasses().that().resideInAPackage("org.ipcspec.spec..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.ipcspec.suite..", "org.ipcspec.plugins..", "org.ipcspec.reports..", "org.ipcspec.fixtures..")
        .check(CLASSES);
  }

  @Test
  void pluginsAndFixturesSeeOnlyTheSpec() {
    noClasses().that().resideInAnyPackage("org.ipcspec.plugins..", "org.ipcspec.fixtures..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ipcspec.suite..", "org.ipcspec.reports..")
        .check(CLASSES);
  }

  @Test
  void noPluginDependsOnAnotherOnlyOnTheSharedNioSupport() {
    for (String plugin : java.util.List.of("jdk", "junixsocket", "agrona", "nio")) {
      assertThat(CLASSES.containPackage("org.ipcspec.plugins." + plugin)).as(plugin + "'s classes imported").isTrue();
    }
    slices().matching("org.ipcspec.plugins.(*)..").should().notDependOnEachOther()
        .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage("org.ipcspec.plugins.nio.."))
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.ipcspec.plugins.nio..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ipcspec.plugins.jdk..", "org.ipcspec.plugins.junixsocket..", "org.ipcspec.plugins.agrona..")
        .check(CLASSES);
  }

  @Test
  void reportsKnowNothingOfTheEngine() {
    noClasses().that().resideInAPackage("org.ipcspec.reports..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ipcspec.suite..", "org.ipcspec.plugins..")
        .check(CLASSES);
  }
}
