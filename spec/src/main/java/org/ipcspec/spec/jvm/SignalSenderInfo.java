package org.ipcspec.spec.jvm;

/**
 * Capability {@code signal.info}: the handler learns who sent a signal and how (SA_SIGINFO).
 *
 * <p>A marker: a {@link SignalCatching} whose deliveries carry {@link
 * SignalCatching.Delivery#senderPid()} and {@link SignalCatching.Delivery#code()}. Register the
 * implementation under both interfaces; a plugin that claims {@code signal.info} also claims
 * {@code signal.catch}.
 */
public interface SignalSenderInfo extends SignalCatching {}
