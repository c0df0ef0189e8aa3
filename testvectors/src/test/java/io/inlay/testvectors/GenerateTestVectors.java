package io.inlay.testvectors;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link TestVectorGenerator} from Maven when asked to, overwriting the committed streams:
 * {@code mvn -q -pl testvectors -am test -Dtest=GenerateTestVectors -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinlay.generateTestVectors=true}. Skipped otherwise.
 */
class GenerateTestVectors {
    @Test
    @EnabledIfSystemProperty(named = "inlay.generateTestVectors", matches = "true")
    void generate() throws IOException {
        TestVectorGenerator.main(new String[0]);
    }
}
