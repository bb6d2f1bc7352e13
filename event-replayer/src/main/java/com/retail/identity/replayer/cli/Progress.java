package com.retail.identity.replayer.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with rate and ETA on a terminal; a plain line every few seconds otherwise (logs, CI). */
final class Progress {
  private Progress() {}

  static ProgressBar bar(String task, long total, String unit) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS);
    if (System.console() == null) {
      builder.setConsumer(new DelegatingProgressBarConsumer(System.out::println))
          .setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis())
          .setStyle(ProgressBarStyle.ASCII);
    } else {
      builder.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK);
    }
    return builder.build();
  }
}
