package com.retail.identity.replayer.cli;

import com.retail.identity.replayer.core.Progress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on a terminal; a plain line every few seconds otherwise (logs,
 * CI).
 */
final class ConsoleProgress implements Progress {
  private final ProgressBar bar;

  private ConsoleProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /** The operator's view of every task of a command. */
  static final Progress.Reports REPORTS =
      (task, total, unit) -> new ConsoleProgress(bar(task, total, unit));

  static ProgressBar bar(String task, long total, String unit) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS);
    if (System.console() == null) {
      builder
          .setConsumer(new DelegatingProgressBarConsumer(System.out::println))
          .setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis())
          .setStyle(ProgressBarStyle.ASCII);
    } else {
      builder.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK);
    }
    return builder.build();
  }

  @Override
  public void stepBy(long units) {
    bar.stepBy(units);
  }

  @Override
  public void stepTo(long units) {
    bar.stepTo(units);
  }

  @Override
  public void close() {
    bar.close();
  }
}
