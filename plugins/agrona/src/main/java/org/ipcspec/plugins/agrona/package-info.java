/**
 * The Agrona plugin: message passing through memory the participants share, with Agrona ({@code
 * org.agrona:agrona}): its many-to-one ring buffer for {@code msg.ring} and its broadcast
 * transmitter and receivers for {@code msg.broadcast}, each over a file every participant maps.
 * README.md maps the article's message model onto them and records the verdicts.
 */
package org.ipcspec.plugins.agrona;
