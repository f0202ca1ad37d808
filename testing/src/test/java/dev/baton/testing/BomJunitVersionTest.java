package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM that users import manages the JUnit version this module is built and tested against, so a
 * user's JUnit Jupiter engine matches the extension's API. The BOM has no parent and repeats the
 * version: this test keeps the two equal.
 */
class BomJunitVersionTest {
  @Test
  void theBomManagesTheJunitVersionThisModuleIsBuiltAgainst() throws Exception {
    // Surefire runs the tests in the module's own directory; the BOM is its sibling.
    Path bom = Path.of("..", "bom", "pom.xml");
    assertTrue(Files.exists(bom), "the BOM's pom next to this module: " + bom.toAbsolutePath());
    Matcher m =
        Pattern.compile("<junit\\.version>([^<]+)</junit\\.version>")
            .matcher(Files.readString(bom));
    assertTrue(m.find(), "the BOM sets junit.version");
    String onClasspath = Test.class.getPackage().getImplementationVersion();
    assertNotNull(onClasspath, "JUnit's jar names its version");
    assertEquals(onClasspath, m.group(1), "the BOM's JUnit version is the one built against");
    assertTrue(
        Files.readString(bom).contains("<artifactId>junit-bom</artifactId>"),
        "the BOM imports junit-bom");
  }
}
