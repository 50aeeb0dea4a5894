package dev.bosun.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Builds the argv that starts a main class of this application in a fresh, small JVM, both
 * when Bosun runs from a Spring Boot fat jar (nested jars need Boot's launcher) and when it runs
 * from a plain class path (IDE, Maven, Surefire's manifest-only booter jar, the build's extracted
 * layout {@code target/bosun-app/}). A fat jar whose extracted layout lies beside it
 * ({@code target/bosun-X.jar} and {@code target/bosun-app/bosun-X.jar}, both written by
 * {@code ./mvnw package}) is run from that layout: Boot's nested-jar loader costs a short-lived
 * child more than a second. A small JVM from the extracted layout maps the CLI's class data
 * sharing archive ({@code cli.jsa} beside the jar) when it is there.
 */
public final class JavaLauncher {

    /**
     * Start fast and small: the child runs for seconds, not hours. It logs nothing: SLF4J (which
     * JGit logs through) gets its no-op provider instead of looking for logback on the class path
     * and configuring it, ~0.25 s, as {@code bin/bosun} does.
     */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-Xshare:auto",
            "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
            "-Dslf4j.internal.verbosity=WARN");

    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /** The extracted layout of a fat jar, a folder beside it (pom.xml's exec-maven-plugin writes it). */
    static final String EXTRACTED_FOLDER = "bosun-app";
    /** The CLI's class data sharing archive, beside the extracted application jar. */
    static final String CLI_ARCHIVE = "cli.jsa";
    /**
     * A stale archive (another build, a moved checkout) is not used, and says so on standard
     * output, which would corrupt a command's {@code --json}: the JVM is told to keep quiet.
     */
    static final List<String> QUIET_ARCHIVE = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path javaHome;
    private final String classPath;

    JavaLauncher(Path javaHome, String classPath) {
        this.javaHome = javaHome;
        this.classPath = extractedInstead(absolute(classPath));
    }

    /** {@code target/bosun-app/bosun-X.jar} for {@code target/bosun-X.jar} when it is there, else the class path as given. */
    private static String extractedInstead(String classPath) {
        if (!isBootFatJar(classPath)) {
            return classPath;
        }
        Path jar = Path.of(classPath);
        Path extracted = jar.resolveSibling(EXTRACTED_FOLDER).resolve(jar.getFileName());
        return Files.isRegularFile(extracted) ? extracted.toString() : classPath;
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

    /**
     * A small, fast-starting JVM for short-lived children (agents' {@code bosun}, script agents,
     * CLI panes), with the CLI's class data sharing archive when the class path is an
     * application jar with one beside it.
     */
    public List<String> command(String mainClass, List<String> args) {
        return command(mainClass, smallJvmFlags(), args);
    }

    List<String> smallJvmFlags() {
        Optional<Path> archive = classDataArchive();
        if (archive.isEmpty()) {
            return JVM_FLAGS;
        }
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        flags.add("-XX:SharedArchiveFile=" + archive.get());
        flags.addAll(QUIET_ARCHIVE);
        return flags;
    }

    /** {@code cli.jsa} beside a single plain jar on the class path, if it is there. */
    Optional<Path> classDataArchive() {
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path archive = Path.of(classPath).resolveSibling(CLI_ARCHIVE);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
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

    /**
     * As {@link #command(String, List)}, for a command that must stay short: tmux refuses one of
     * more than about 16 KB ("command too long"), and the class path of a development build (every
     * jar in {@code ~/.m2}) is longer. A long class path goes into a Java argument file
     * ({@code @file}) in {@code folder}, named by its content's hash, readable by its owner only
     * (in a folder that is the user's own, so no one else can swap it).
     *
     * @throws IOException when the argument file cannot be written
     */
    public List<String> shortCommand(String mainClass, List<String> args, Path folder) throws IOException {
        List<String> argv = command(mainClass, args);
        if (classPath.length() <= LONG_CLASS_PATH) {
            return argv;
        }
        int cp = argv.indexOf("-cp");
        List<String> shorter = new ArrayList<>(argv.subList(0, cp));
        shorter.add("@" + classPathFile(folder));
        shorter.addAll(argv.subList(cp + 2, argv.size()));
        return shorter;
    }

    /** Well under tmux's limit, with room for the rest of a pane's command. */
    static final int LONG_CLASS_PATH = 4096;

    private Path classPathFile(Path folder) throws IOException {
        // an argument file quotes a value with spaces; inside quotes, \ and \" are escapes
        String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String content = "-cp " + quoted + "\n";
        Files.createDirectories(folder);
        Path file = folder.resolve("classpath-" + sha256(content) + ".args");
        if (!Files.isRegularFile(file)) {
            Path written = Files.createTempFile(folder, "classpath", ".tmp");
            Files.writeString(written, content, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    boolean isBootFatJar() {
        return isBootFatJar(classPath);
    }

    private static boolean isBootFatJar(String classPath) {
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
