package com.retail.identity.common.aws;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;

/**
 * How the platform builds an AWS client (SNS for SMS, SES for email): short timeouts and one SDK
 * retry, the region's public endpoint or a configured one (tests point it at a local stub), and the
 * instance's credentials, or throwaway ones for a stub outside production.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * @param endpoint empty for the region's public endpoint
   * @param region empty for the instance's region (AWS_REGION, set by boot-env)
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, String endpoint, String region, boolean production, int maxConnections) {
    // The SDK's end-of-support notice is known (STACK.md); not a warning per boot.
    if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
      System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }
    builder.withClientConfiguration(
        new ClientConfiguration()
            .withConnectionTimeout(1000)
            .withRequestTimeout(2500)
            .withSocketTimeout(2500)
            .withMaxErrorRetry(1)
            .withMaxConnections(maxConnections));
    String regionOrNull = region == null || region.isBlank() ? null : region;
    if (endpoint != null && !endpoint.isBlank()) {
      builder.withEndpointConfiguration(
          new AwsClientBuilder.EndpointConfiguration(
              endpoint, regionOrNull == null ? "us-east-1" : regionOrNull));
      builder.withCredentials(
          production
              ? DefaultAWSCredentialsProviderChain.getInstance()
              // A local stub: any credentials will do, and none are looked up on this machine.
              : new AWSStaticCredentialsProvider(new BasicAWSCredentials("local", "local")));
    } else {
      if (regionOrNull != null) {
        builder.withRegion(regionOrNull);
      }
      builder.withCredentials(DefaultAWSCredentialsProviderChain.getInstance());
    }
    return builder;
  }
}
