package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalOptionsTest {
  @Test
  void tlsOptionsBecomeZooKeeperClientSettingsWithPasswordsFromFileOrEnvironment(@TempDir Path dir)
      throws Exception {
    Path pwFile = dir.resolve("trust.pw");
    Files.writeString(pwFile, "trust-secret\n");
    GlobalOptions o = new GlobalOptions();
    o.truststore = dir.resolve("trust.p12");
    o.truststorePasswordFile = pwFile;
    o.keystore = dir.resolve("client.p12");
    ZKClientConfig c = o.tlsConfig(Map.of(GlobalOptions.KEYSTORE_PASSWORD_ENV, "key-secret"));
    assertEquals("true", c.getProperty(ZKClientConfig.SECURE_CLIENT));
    assertEquals(
        "org.apache.zookeeper.ClientCnxnSocketNetty",
        c.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET));
    assertEquals(o.truststore.toString(), c.getProperty("zookeeper.ssl.trustStore.location"));
    assertEquals("trust-secret", c.getProperty("zookeeper.ssl.trustStore.password"));
    assertEquals(o.keystore.toString(), c.getProperty("zookeeper.ssl.keyStore.location"));
    assertEquals("key-secret", c.getProperty("zookeeper.ssl.keyStore.password"));
  }

  @Test
  void usageErrorsExitWithOneAndNameTheOption() {
    Cli.Result unknown = Cli.run("config", "get", "k", "--no-such-option");
    assertEquals(1, unknown.status(), unknown.toString());
    assertTrue(unknown.err().contains("--no-such-option"), unknown.toString());

    Cli.Result codec = Cli.run("--zk", "127.0.0.1:1", "config", "get", "k", "--codec", "xml");
    assertEquals(1, codec.status(), codec.toString());
    assertTrue(codec.err().contains("--codec xml"), codec.toString());

    Cli.Result auth = Cli.run("--auth", "nopassword", "config", "get", "k");
    assertEquals(1, auth.status(), auth.toString());
    assertTrue(auth.err().contains("--auth"), auth.toString());
  }

  @Test
  void generatesAShellCompletionScriptThatKnowsTheCommands() {
    Cli.Result r = Cli.run("generate-completion");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().contains("complete -F"), r.toString());
    assertTrue(r.out().contains("rollback") && r.out().contains("--expect-version"), r.toString());
  }
}
