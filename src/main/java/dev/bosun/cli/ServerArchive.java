package dev.bosun.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.bosun.agent.JavaLauncher;

/**
 * The server's class data sharing archive: the JVM maps the classes it would otherwise read,
 * verify and parse from ~140 jars at every start (measured: about 40% less CPU to ready).
 *
 * <p>Made from the server's own first start, not at build time: that start runs with
 * {@code -XX:DumpLoadedClassList}, and once it is ready {@code bosun start} leaves a detached,
 * low-priority JVM ({@link #main}) that turns the list into the archive with {@code -Xshare:dump}
 * while the server idles. Every later start maps it. A static dump from a class list, not
 * {@code -XX:ArchiveClassesAtExit}: on this machine's Java 17 the dynamic dump crashed the
 * server at exit ({@code adjust_lambda_proxy_class_dictionary}), and so did a static dump given
 * the list's lambda lines, which are therefore left out (lambdas are made at run time, as without
 * an archive).
 *
 * <p>Only a class path of plain jars can be archived (Java refuses directories and a Spring Boot
 * fat jar's nested jars), so this is for the extracted layout ({@code target/bosun-app/}); any
 * other class path starts without one. An archive is kept per class path and Java in
 * {@code $XDG_CACHE_HOME/bosun} (default {@code ~/.cache/bosun}), keyed by a hash of the Java, the
 * class path and each jar's size and time, so a new build makes a new one. It only ever costs
 * speed: the server runs with {@code -Xshare:auto}, so a missing, stale or corrupt archive is
 * ignored by Java, and a start that did not map its archive deletes it so the next start makes it
 * again.
 */
final class ServerArchive {

    static final String DUMP_MAIN_CLASS = ServerArchive.class.getName();

    private final Path archive;
    private final Path classList;
    private final String classPath;

    private ServerArchive(Path folder, String key, String classPath) {
        this.archive = folder.resolve("server-" + key + ".jsa");
        // one list per start: two servers starting at once must not write into the same file
        this.classList = folder.resolve("server-" + key + "-" + System.nanoTime() + ".classlist");
        this.classPath = classPath;
    }

    /**
     * The archive for a server started with {@code classPath} by the Java in {@code javaHome}, in
     * the cache folder {@code environment} names; empty when that class path cannot be archived or
     * the folder cannot be made.
     */
    static Optional<ServerArchive> of(String givenClassPath, Path javaHome, Map<String, String> environment) {
        // absolute, as JavaLauncher passes it to the server: the archive records the class path it was made with
        String classPath = givenClassPath == null
                ? null
                : Arrays.stream(givenClassPath.split(File.pathSeparator))
                        .map(entry ->
                                Path.of(entry).toAbsolutePath().normalize().toString())
                        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        if (!archivable(classPath)) {
            return Optional.empty();
        }
        Optional<Path> folder = cacheFolder(environment);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder.get());
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new ServerArchive(folder.get(), key(classPath, javaHome), classPath));
    }

    /**
     * Plain jars only: a directory (a development class path) cannot be archived and a Spring
     * Boot fat jar's classes are nested jars that Java's archive never sees.
     */
    static boolean archivable(String classPath) {
        if (classPath == null || classPath.isBlank()) {
            return false;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar) || isFatJar(jar)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFatJar(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Classes") != null;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * {@code $XDG_CACHE_HOME/bosun}, else {@code $HOME/.cache/bosun}. A relative
     * {@code XDG_CACHE_HOME} is ignored, as the XDG specification says; no home: no archive.
     */
    static Optional<Path> cacheFolder(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg).resolve("bosun"));
        }
        String home = environment.get("HOME");
        if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
            return Optional.of(Path.of(home).resolve(".cache").resolve("bosun"));
        }
        return Optional.empty();
    }

    /** A new build or another Java gets another archive; Java itself also refuses a stale one. */
    private static String key(String classPath, Path javaHome) {
        StringBuilder identity = new StringBuilder(javaHome.toString())
                .append('\n')
                .append(System.getProperty("java.vm.version"))
                .append('\n');
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            identity.append(entry).append('\n');
            try {
                identity.append(Files.size(jar))
                        .append(' ')
                        .append(Files.getLastModifiedTime(jar).toMillis())
                        .append('\n');
            } catch (IOException e) {
                identity.append("missing\n");
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    Path archive() {
        return archive;
    }

    Path classList() {
        return classList;
    }

    /** True when the archive exists: the server maps it; otherwise this start records its classes. */
    boolean present() {
        return Files.isRegularFile(archive);
    }

    /**
     * The server's flags: map the archive when there is one ({@code -Xshare:auto}: Java starts
     * without it when it does not fit), else record the classes this start loads.
     */
    List<String> serverFlags() {
        if (present()) {
            // VerifySharedSpaces: a checksum of the archive (~0.1 s); without it, an archive damaged on
            // disk crashed the JVM (SIGSEGV) instead of being ignored
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-XX:+VerifySharedSpaces");
        }
        return List.of("-XX:DumpLoadedClassList=" + classList);
    }

    /**
     * Once the server {@code pid} is ready: if it was given the archive but did not map it (stale,
     * corrupt, or made by another Java), the archive is deleted so that the next start makes a new
     * one; if it recorded its classes, the archive is made from them in the background.
     *
     * <p>What happened goes to the archive's log in the cache folder, not the server's log, which
     * the server writes at its own offset.
     */
    void afterReady(long pid, JavaLauncher launcher) {
        if (present()) {
            if (mapped(pid).orElse(true)) {
                return;
            }
            delete(archive);
            note("server pid " + pid + " did not map " + archive + "; deleted, the next start makes a new one");
            return;
        }
        List<String> argv = new ArrayList<>(List.of("setsid", "nice", "-n", "10"));
        argv.addAll(launcher.command(DUMP_MAIN_CLASS, List.of(classList.toString(), archive.toString())));
        try {
            new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            note("cannot start the class data dump: " + e.getMessage());
        }
    }

    /** A server that never became ready leaves no list behind. */
    void forgetClassList() {
        delete(classList);
    }

    private void note(String line) {
        try {
            Files.writeString(
                    log(),
                    java.time.Instant.now() + " " + line + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a note only: the archive costs or saves speed, nothing else
        }
    }

    private Path log() {
        return archive.resolveSibling(archive.getFileName() + ".log");
    }

    /** Whether the process maps the archive ({@code /proc/PID/maps}); empty where that cannot be read. */
    Optional<Boolean> mapped(long pid) {
        try {
            String maps = Files.readString(Path.of("/proc", Long.toString(pid), "maps"), StandardCharsets.UTF_8);
            return Optional.of(maps.contains(archive.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // only speed is lost: Java ignores an archive that does not fit
        }
    }

    /**
     * The class list without what Java 17's static dump crashed on or cannot use: lambda and
     * lambda-form lines ({@code @...}), and a last line the running server may be writing.
     */
    static List<String> dumpableClasses(String classList) {
        List<String> lines = new ArrayList<>(Arrays.asList(classList.split("\n", -1)));
        // the last element is "" after a complete last line, a partial line otherwise
        lines.remove(lines.size() - 1);
        return lines.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("@"))
                .toList();
    }

    /**
     * {@code ServerArchive CLASS_LIST ARCHIVE}: the background dump. Writes the archive under a
     * temporary name and moves it into place when Java has written it whole, so a start never
     * maps half an archive.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ServerArchive CLASS_LIST ARCHIVE");
            System.exit(2);
        }
        try {
            dump(Path.of(args[0]), Path.of(args[1]), System.getProperty("java.class.path"));
            System.out.println("wrote " + args[1]);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Dumps the classes of {@code list} from {@code classPath} (the server's: Java maps an archive
     * only for the class path it was made with) into {@code target}, then deletes the list.
     *
     * @throws IOException when the dump fails; {@code target} is then left as it was
     */
    static void dump(Path list, Path target, String classPath) throws IOException, InterruptedException {
        Path folder = target.toAbsolutePath().getParent();
        Path classes = Files.createTempFile(folder, "server-", ".classes");
        Path written = folder.resolve(
                target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.write(classes, dumpableClasses(Files.readString(list, StandardCharsets.UTF_8)));
            List<String> argv = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classes,
                    "-XX:SharedArchiveFile=" + written,
                    "-cp",
                    classPath);
            Process dump = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!dump.waitFor(30, TimeUnit.MINUTES)) {
                dump.destroyForcibly();
                throw new IOException("the class data dump did not end within 30 minutes");
            }
            if (dump.exitValue() != 0 || !Files.isRegularFile(written)) {
                throw new IOException("the class data dump failed (exit " + dump.exitValue() + ")");
            }
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(list);
        } finally {
            Files.deleteIfExists(classes);
            Files.deleteIfExists(written);
        }
    }
}
