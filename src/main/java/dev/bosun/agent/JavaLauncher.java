package dev.bosun.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Builds the argv that starts a main class of this application in a fresh, small JVM, both
 * when Bosun runs from a Spring Boot fat jar (nested jars need Boot's launcher) and when it runs
 * from a plain class path (IDE, Maven, Surefire's manifest-only booter jar).
 */
public final class JavaLauncher {

    /** Start fast and small: the child runs for seconds, not hours. */
    static final List<String> JVM_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xshare:auto");

    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final Path javaHome;
    private final String classPath;

    JavaLauncher(Path javaHome, String classPath) {
        this.javaHome = javaHome;
        this.classPath = absolute(classPath);
    }

    /**
     * The child JVM starts in the engineer's worktree, so a class path relative to Bosun's own
     * working directory ({@code java -jar target/bosun.jar}) would point nowhere there.
     */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .map(entry -> entry.isEmpty()
                        ? entry
                        : Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The launcher for the JVM we are running in. */
    public static JavaLauncher current() {
        return new JavaLauncher(Path.of(System.getProperty("java.home")), System.getProperty("java.class.path"));
    }

    /** A small, fast-starting JVM for short-lived children (agents, CLI panes). */
    public List<String> command(String mainClass, List<String> args) {
        return command(mainClass, JVM_FLAGS, args);
    }

    /** A JVM with the given flags, e.g. a background server that needs more than the small defaults. */
    public List<String> command(String mainClass, List<String> jvmFlags, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(javaHome.resolve("bin").resolve("java").toString());
        argv.addAll(jvmFlags);
        argv.add("-cp");
        argv.add(classPath);
        if (isBootFatJar()) {
            argv.add("-Dloader.main=" + mainClass);
            argv.add(BOOT_LAUNCHER);
        } else {
            argv.add(mainClass);
        }
        argv.addAll(args);
        return argv;
    }

    boolean isBootFatJar() {
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Classes") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
