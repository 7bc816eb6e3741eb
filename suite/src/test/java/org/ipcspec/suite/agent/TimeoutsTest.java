package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void everyTimeoutScales() {
    Timeouts scaled = Timeouts.defaults().scaled(2.5);
    assertThat(scaled.mustHappen()).isEqualTo(Timeouts.defaults().mustHappen().multipliedBy(5).dividedBy(2));
    assertThat(scaled.mustNotHappen()).isEqualTo(Duration.ofMillis(750));
    assertThat(scaled.agentStart()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void mustNotHappenWaitsAreShorterThanMustHappenWaits() {
    Timeouts t = Timeouts.defaults();
    assertThat(t.mustNotHappen()).isLessThan(t.mustHappen());
  }

  @Test
  void aScaleOfZeroOrLessIsRefused() {
    assertThatThrownBy(() -> Timeouts.defaults().scaled(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Timeouts.defaults().scaled(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
