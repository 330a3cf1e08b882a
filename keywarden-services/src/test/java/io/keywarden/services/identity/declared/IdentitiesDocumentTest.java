package io.keywarden.services.identity.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The checks made on a file before anything is applied. */
class IdentitiesDocumentTest {

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
  }

  private static DeclaredIdentities parse(String json) throws IOException {
    return IdentitiesDocument.parse(new ObjectMapper().readTree(json));
  }

  private static String account(String users, String roles) {
    return "{\"accounts\":[{\"id\":\"111122223333\",\"users\":[" + users + "],\"roles\":[" + roles + "]}]}";
  }

  @Test
  void defaults() throws IOException {
    DeclaredIdentities d = parse(account("{\"name\":\"alice\"}",
        "{\"name\":\"app\",\"trustPolicy\":{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}}}"));
    assertEquals("/", d.accounts().get(0).users().get(0).path());
    assertEquals(null, d.accounts().get(0).users().get(0).accessKeys(), "keys not managed");
    assertEquals(3600, d.accounts().get(0).roles().get(0).maxSessionSeconds());
  }

  @Test
  void refusesWhatIamWouldRefuse() {
    assertEquals("each account needs an 'id' of 12 digits, as a string",
        error("{\"accounts\":[{\"id\":0}]}"));
    assertEquals("account 111122223333: unknown field 'user' (known: id, roles, users)",
        error("{\"accounts\":[{\"id\":\"111122223333\",\"user\":[]}]}"));
    assertEquals("account 111122223333, user Alice is declared twice (IAM names ignore case)",
        error(account("{\"name\":\"alice\"},{\"name\":\"Alice\"}", "")));
    assertEquals("account 111122223333: a user needs a 'name' of 1 to 64 letters, digits and +=,.@_- (not 'a b')",
        error(account("{\"name\":\"a b\"}", "")));
    assertEquals("account 111122223333, user alice: 'path' is '/' or begins and ends with '/' (printable ASCII), not 'ops'",
        error(account("{\"name\":\"alice\",\"path\":\"ops\"}", "")));
    assertEquals("account 111122223333, user alice: tag 'Team' is given twice (tag keys ignore case)",
        error(account("{\"name\":\"alice\",\"tags\":{\"team\":\"a\",\"Team\":\"b\"}}", "")));
    assertEquals("account 111122223333, user alice, policy p: Policy document should not specify a principal.",
        error(account("{\"name\":\"alice\",\"policies\":{\"p\":{\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}}}", "")));
    assertEquals("account 111122223333, user alice, policy p: not valid JSON",
        error(account("{\"name\":\"alice\",\"policies\":{\"p\":\"{nope\"}}", "")));
    assertEquals("account 111122223333, user alice: 'createAccessKey' and 'accessKeys' exclude each other"
            + " (with 'accessKeys' the file lists every key of the user)",
        error(account("{\"name\":\"alice\",\"createAccessKey\":true,\"accessKeys\":[]}", "")));
    assertEquals("account 111122223333, role app: 'trustPolicy' is required",
        error(account("", "{\"name\":\"app\"}")));
    assertEquals("account 111122223333, role app, trust policy: Policy statement must contain a Principal.",
        error(account("", "{\"name\":\"app\",\"trustPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}}")));
    assertEquals("account 111122223333, role app: 'maxSessionDuration' is a number of seconds from 3600 to 43200",
        error(account("", "{\"name\":\"app\",\"maxSessionDuration\":900,\"trustPolicy\":{\"Statement\":[]}}")));
    assertEquals("account 111122223333, user bob: access key AKIAALICE00000000001 is declared twice",
        error(account("{\"name\":\"alice\",\"accessKeys\":[{\"accessKeyId\":\"AKIAALICE00000000001\"}]},"
            + "{\"name\":\"bob\",\"accessKeys\":[{\"accessKeyId\":\"AKIAALICE00000000001\"}]}", "")));
    assertEquals("account 111122223333, user alice, access key AKIAALICE00000000001: 'secretAccessKey' is 16"
            + " to 128 printable ASCII characters without spaces",
        error(account("{\"name\":\"alice\",\"accessKeys\":[{\"accessKeyId\":\"AKIAALICE00000000001\","
            + "\"secretAccessKey\":\"short\"}]}", "")));
  }
}
