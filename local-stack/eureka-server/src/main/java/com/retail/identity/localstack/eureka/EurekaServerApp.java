package com.retail.identity.localstack.eureka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * Stand-alone Eureka registry for local runs and integration tests only (never deployed). Settings
 * live in application.yml; the port comes from EUREKA_PORT (default 8761).
 */
@SpringBootApplication
@EnableEurekaServer
public class EurekaServerApp {

  public static void main(String[] args) {
    SpringApplication.run(EurekaServerApp.class, args);
  }
}
