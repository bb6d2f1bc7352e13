package com.retail.identity.common.aws;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import java.util.function.Supplier;

/**
 * One call to an AWS service inside a Hystrix command: its own group (thread pool), a 3-second
 * timeout (knob {@code hystrix.command.<key>.execution.isolation.thread.timeoutInMilliseconds}), no
 * fallback. A failure is named by its type only: the SDK's messages could carry parts of the
 * request (a phone number, an address).
 */
public final class AwsCall<T> extends HystrixCommand<T> {
  private final Supplier<T> call;

  public AwsCall(String group, String commandKey, int threads, Supplier<T> call) {
    super(
        Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey(group))
            .andCommandKey(HystrixCommandKey.Factory.asKey(commandKey))
            .andCommandPropertiesDefaults(
                HystrixCommandProperties.Setter().withExecutionTimeoutInMilliseconds(3000))
            .andThreadPoolPropertiesDefaults(
                HystrixThreadPoolProperties.Setter().withCoreSize(threads)));
    this.call = call;
  }

  @Override
  protected T run() {
    return call.get();
  }

  /**
   * What failed, for a log line or an exception message: the failure type and the cause's class.
   */
  public static String describe(HystrixRuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return e.getFailureType() + " " + cause.getClass().getSimpleName();
  }
}
