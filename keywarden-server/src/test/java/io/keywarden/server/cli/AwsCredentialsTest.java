package io.keywarden.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code keywarden explain} finds credentials and region, as the AWS CLI does. */
class AwsCredentialsTest {
  @TempDir Path home;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/credentials"), """
        # comment
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default-secret
        [temp]
        aws_access_key_id=ASIATEMP
        aws_secret_access_key=temp-secret
        aws_session_token=token-1
        """);
    Files.writeString(home.resolve(".aws/config"), """
        [default]
        region = eu-west-1
        [profile temp]
        region = ap-south-1
        """);
  }

  @Test
  void environment_beforeTheDefaultProfile() throws Exception {
    AwsCredentials c = AwsCredentials.resolve(null,
        Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "t"), home);
    assertEquals("AKIAENV", c.accessKeyId);
    assertEquals("env-secret", new String(c.secretAccessKey()));
    assertEquals("t", c.sessionToken);
    assertEquals("eu-west-1", c.region, "the default profile's region");
    assertFalse(c.toString().contains("env-secret"));
  }

  @Test
  void explicitProfile_beforeTheEnvironment_withItsRegionAndToken() throws Exception {
    AwsCredentials c = AwsCredentials.resolve("temp",
        Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret"), home);
    assertEquals("ASIATEMP", c.accessKeyId);
    assertEquals("token-1", c.sessionToken);
    assertEquals("ap-south-1", c.region);
    assertEquals("us-west-2", AwsCredentials.resolve("temp", Map.of("AWS_REGION", "us-west-2"), home).region);
  }

  @Test
  void awsProfileVariable_andDefaults() throws Exception {
    assertEquals("ASIATEMP", AwsCredentials.resolve(null, Map.of("AWS_PROFILE", "temp"), home).accessKeyId);
    AwsCredentials d = AwsCredentials.resolve(null, Map.of(), home);
    assertEquals("AKIADEFAULT", d.accessKeyId);
    assertNull(d.sessionToken);
    Files.delete(home.resolve(".aws/config"));
    assertEquals(AwsCredentials.DEFAULT_REGION, AwsCredentials.resolve(null, Map.of(), home).region);
  }

  @Test
  void missingProfile_saysWhereItLooked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AwsCredentials.resolve("nope", Map.of(), home));
    assertTrue(e.getMessage().contains("profile 'nope' has none"), e.getMessage());
  }
}
