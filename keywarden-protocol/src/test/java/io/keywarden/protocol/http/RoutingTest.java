package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private static final FakeSts STS = new FakeSts(new SessionCredentials(Clock.systemUTC(), false));

  /** A service of any model, protocol and signing name, implementing nothing. */
  private static ApiService service(String model, ApiService.WireProtocol protocol, String signingName) {
    return new ApiService() {
      @Override
      public String modelName() {
        return model;
      }

      @Override
      public String signingName() {
        return signingName;
      }

      @Override
      public String targetPrefix() {
        return "TrentService";
      }

      @Override
      public Map<String, OperationBinding> operations() {
        return Map.of();
      }

      @Override
      public ApiException notImplemented(String operation) {
        return new ApiException("NotImplemented", operation);
      }

      @Override
      public WireProtocol protocol() {
        return protocol;
      }
    };
  }

  @Test
  void queryServices_routeBySigningNameThenAction() {
    Routing routing = new Routing(List.of(new FakeKms(), STS));
    assertTrue(routing.hasQueryServices());
    ServiceEndpoint sts = routing.queryService("sts");
    assertSame(STS, sts.service);
    assertTrue(sts.wire instanceof QueryWire);
    assertEquals("AssumeRole", routing.queryRoute(sts, "AssumeRole").operation.name());
    assertNull(routing.queryRoute(sts, "GetSessionToken").binding);
    assertNull(routing.queryRoute(sts, "Encrypt"));
    assertSame(sts, routing.queryService("kms"));
    assertSame(sts, routing.queryService(null));
    assertTrue(routing.route("TrentService.Encrypt").endpoint.wire instanceof JsonWire);
  }

  @Test
  void jsonOnly_hasNoQueryServices() {
    Routing routing = new Routing(List.of(new FakeKms()));
    assertEquals(false, routing.hasQueryServices());
    assertNull(routing.queryService("sts"));
  }

  @Test
  void protocolOfServiceAndModel_mustAgree() {
    IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
        () -> new Routing(List.of(service("sts", ApiService.WireProtocol.JSON, "sts"))));
    assertTrue(json.getMessage().contains("'query'"), json.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Routing(List.of(service("kms", ApiService.WireProtocol.QUERY, "kms"))));
  }

  @Test
  void twoQueryServicesOfOneSigningName_areRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new Routing(List.of(STS, service("sts", ApiService.WireProtocol.QUERY, "sts"))));
  }

  @Test
  void scopeService_isReadFromTheCredential() {
    assertEquals("sts", QueryCalls.scopeService(
        "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00"));
    assertEquals("iam", QueryCalls.scopeService("AWS4-HMAC-SHA256 Credential=A/d/r/iam/aws4_request,Signature=0"));
    assertNull(QueryCalls.scopeService("AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/sts"));
    assertNull(QueryCalls.scopeService("Bearer x"));
    assertNull(QueryCalls.scopeService(null));
  }
}
