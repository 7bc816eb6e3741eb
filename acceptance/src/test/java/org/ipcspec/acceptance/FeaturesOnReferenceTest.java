package org.ipcspec.acceptance;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The features as plain JUnit tests, one a scenario, against the plugin named by the system
 * property {@code ipcspec.plugin} (default: the posix reference): how a developer runs the
 * specification from an IDE. JUnit knows no ipcspec verdicts; {@code ipcspec verify} gives those.
 * Its participants are plain processes, so the @isolation scenarios are left out: a skip here
 * would read as a container test not run (ContainerIsolationTest runs them).
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("ipcspec.features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.ipcspec.suite.steps")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ExcludeTags("isolation")
class FeaturesOnReferenceTest {}
