package io.inlay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code inlay --version}: the Maven project version and the Java runtime. */
final class Version implements IVersionProvider {
    static String projectVersion() {
        try (InputStream in = Version.class.getResourceAsStream("/io/inlay/cli/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // Fall through: a build without the resource.
        }
        return "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "inlay " + projectVersion(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
