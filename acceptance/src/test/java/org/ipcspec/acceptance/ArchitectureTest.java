package org.ipcspec.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: spec <- suite, spec <- plugins; the suite never knows a plugin. */
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
  void reportsKnowNothingOfTheEngine() {
    noClasses().that().resideInAPackage("org.ipcspec.reports..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ipcspec.suite..", "org.ipcspec.plugins..")
        .check(CLASSES);
  }
}
