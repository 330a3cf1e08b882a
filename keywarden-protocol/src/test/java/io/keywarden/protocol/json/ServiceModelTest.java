package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiException.Fault;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
  private static final ServiceModel KMS = ServiceModel.load("kms");
  private static final ServiceModel ECHO = ServiceModel.load("echo");

  @Test
  void kmsMetadata_isRead() {
    assertEquals("TrentService", KMS.targetPrefix());
    assertEquals("kms", KMS.signingName());
    assertEquals(54, KMS.operations().size());
  }

  @Test
  void internalError_isTheModelsInternalFault() {
    assertEquals("KMSInternalException", KMS.internalErrorCode());
    assertEquals("EchoInternalException", ECHO.internalErrorCode());
  }

  @Test
  void errorStatus_followsModelThenFault() {
    assertEquals(400, KMS.httpStatus(new ApiException("NotFoundException", "x")));
    assertEquals(500, KMS.httpStatus(new ApiException("KMSInternalException", "x")));
    assertEquals(500, KMS.httpStatus(new ApiException("KeyUnavailableException", "x")));
    assertEquals(418, ECHO.httpStatus(new ApiException("TeapotException", "x")));
    assertEquals(400, ECHO.httpStatus(new ApiException("SomethingElse", "x", Fault.CLIENT)));
    assertEquals(500, ECHO.httpStatus(new ApiException("SomethingElse", "x", Fault.SERVER)));
  }

  @Test
  void missingModel_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ServiceModel.load("nope"));
  }
}
