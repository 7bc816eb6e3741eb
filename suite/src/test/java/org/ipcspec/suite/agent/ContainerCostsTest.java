package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContainerCostsTest {
  private static final Pattern LINE = Pattern.compile(
      "(\\d+) containers; ([0-9.]+) s of wall time with one starting or being removed \\(([0-9.]+) s starting and ([0-9.]+) s removing, summed over threads\\)");

  @Test
  void overlappingStartsCountOnceInTheWallTimeAndTwiceInTheSum() throws Exception {
    ContainerCosts costs = new ContainerCosts();
    CountDownLatch bothIn = new CountDownLatch(2);
    Runnable start = () -> {
      bothIn.countDown();
      try {
        bothIn.await(5, TimeUnit.SECONDS);
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    CompletableFuture.allOf(CompletableFuture.runAsync(() -> costs.starting(start)), CompletableFuture.runAsync(() -> costs.starting(start)))
        .get(10, TimeUnit.SECONDS);

    Matcher line = LINE.matcher(costs.toString());
    assertThat(line.matches()).as(costs.toString()).isTrue();
    assertThat(line.group(1)).isEqualTo("2");
    double wall = Double.parseDouble(line.group(2));
    double summed = Double.parseDouble(line.group(3));
    assertThat(summed).isGreaterThanOrEqualTo(0.6);
    assertThat(wall).isGreaterThanOrEqualTo(0.3).isLessThan(summed);
    assertThat(line.group(4)).isEqualTo("0.0");
  }

  @Test
  void aStartThatFailsCountsItsTimeButNoContainer() {
    ContainerCosts costs = new ContainerCosts();
    assertThatThrownBy(() -> costs.starting(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("no engine");
    })).isInstanceOf(IllegalStateException.class).hasMessage("no engine");

    Matcher line = LINE.matcher(costs.toString());
    assertThat(line.matches()).as(costs.toString()).isTrue();
    assertThat(line.group(1)).isEqualTo("0");
    assertThat(Double.parseDouble(line.group(3))).isGreaterThanOrEqualTo(0.2);
  }
}
