/**
 * The specification as people read it: the scenarios of the feature files (parsed by Cucumber's
 * own Gherkin parser) and the article's claims they cite, for {@code ipcspec explain}.
 */
package org.ipcspec.suite.features;
