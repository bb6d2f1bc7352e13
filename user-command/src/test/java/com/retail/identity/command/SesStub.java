package com.retail.identity.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Map;
import java.util.UUID;

/** A wire-level stub of the Amazon SES query API on a random loopback port. */
public final class SesStub {
  private SesStub() {}

  /** Started, accepting every {@code SendEmail}. */
  public static WireMockServer start() {
    WireMockServer ses = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ses.start();
    accepts(ses, Scenario.STARTED);
    return ses;
  }

  /** user-command's settings that send its email through this stub. */
  public static Map<String, String> settings(WireMockServer ses) {
    return Map.of(
        "email.sender", "SES",
        "email.from", "no-reply@retail.example",
        "email.ses.endpoint", "http://127.0.0.1:" + ses.port());
  }

  /** Accepts {@code SendEmail} while the stub's scenario {@code ses} is in this state. */
  public static void accepts(WireMockServer ses, String scenarioState) {
    ses.stubFor(
        post(urlEqualTo("/"))
            .inScenario("ses")
            .whenScenarioStateIs(scenarioState)
            .withRequestBody(containing("Action=SendEmail"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
                            + "<SendEmailResult><MessageId>"
                            + UUID.randomUUID()
                            + "</MessageId></SendEmailResult><ResponseMetadata><RequestId>"
                            + UUID.randomUUID()
                            + "</RequestId></ResponseMetadata></SendEmailResponse>")));
  }
}
