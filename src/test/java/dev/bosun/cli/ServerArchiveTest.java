package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;

/**
 * The server's class data archive with real JVMs on a small plain-jar program standing in for the
 * server (the same flags, the same dump): recorded on the first start, made by the dump, mapped by
 * the next start, and a damaged archive costs only speed: the program still starts, and the archive
 * is deleted so that the next start makes a new one.
 */
class ServerArchiveTest {

    @TempDir
    Path home;

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @Test
    void theFirstStartRecordsItsClassesTheDumpMakesTheArchiveAndTheNextStartMapsIt() throws Exception {
        Path jar = programJar();
        ServerArchive first =
                ServerArchive.of(jar.toString(), JAVA_HOME, cache()).orElseThrow();
        assertThat(first.present()).isFalse();
        assertThat(first.serverFlags()).containsExactly("-XX:DumpLoadedClassList=" + first.classList());

        Program recording = Program.start(jar, first.serverFlags());
        recording.finish();
        assertThat(Files.readString(first.classList())).contains("Hello");

        ServerArchive.dump(first.classList(), first.archive(), jar.toString());
        assertThat(first.archive()).isRegularFile();
        assertThat(first.classList()).as("the list is used up").doesNotExist();

        ServerArchive next =
                ServerArchive.of(jar.toString(), JAVA_HOME, cache()).orElseThrow();
        assertThat(next.archive()).isEqualTo(first.archive());
        assertThat(next.present()).isTrue();
        Program mapping = Program.start(jar, next.serverFlags());
        try {
            assertThat(next.mapped(mapping.pid())).contains(true);
            next.afterReady(mapping.pid(), null);
            assertThat(next.archive()).as("a mapped archive is kept").isRegularFile();
        } finally {
            mapping.finish();
        }
    }

    @Test
    void aDamagedArchiveIsIgnoredByTheStartAndDeletedAfterIt() throws Exception {
        Path jar = programJar();
        ServerArchive first =
                ServerArchive.of(jar.toString(), JAVA_HOME, cache()).orElseThrow();
        Program.start(jar, first.serverFlags()).finish();
        ServerArchive.dump(first.classList(), first.archive(), jar.toString());
        damage(first.archive());

        ServerArchive damaged =
                ServerArchive.of(jar.toString(), JAVA_HOME, cache()).orElseThrow();
        Program program = Program.start(jar, damaged.serverFlags());
        try {
            assertThat(damaged.mapped(program.pid())).contains(false);
            damaged.afterReady(program.pid(), null);
        } finally {
            program.finish();
        }
        assertThat(damaged.archive())
                .as("deleted, so the next start records again")
                .doesNotExist();
        assertThat(ServerArchive.of(jar.toString(), JAVA_HOME, cache())
                        .orElseThrow()
                        .serverFlags())
                .singleElement()
                .asString()
                .startsWith("-XX:DumpLoadedClassList=");
    }

    @Test
    void aMissingArchiveFolderIsMadeAndAnUnwritableOneMeansNoArchive() throws Exception {
        Path jar = programJar();
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        assertThat(ServerArchive.of(jar.toString(), JAVA_HOME, Map.of("XDG_CACHE_HOME", file.toString())))
                .as("the cache folder cannot be made: start without an archive")
                .isEmpty();
        assertThat(ServerArchive.of(jar.toString(), JAVA_HOME, cache())).isPresent();
        assertThat(home.resolve("cache").resolve("bosun")).isDirectory();
    }

    @Test
    void onlyAClassPathOfPlainJarsIsArchived() throws Exception {
        Path jar = programJar();
        Path folder = Files.createDirectories(home.resolve("classes"));
        Path fatJar = jar(home.resolve("fat.jar"), Map.of("Spring-Boot-Classes", "BOOT-INF/classes/"));
        assertThat(ServerArchive.archivable(jar.toString())).isTrue();
        assertThat(ServerArchive.archivable(jar + ":" + jar)).isTrue();
        assertThat(ServerArchive.archivable(folder.toString()))
                .as("a directory")
                .isFalse();
        assertThat(ServerArchive.archivable(jar + ":" + folder))
                .as("a jar and a directory")
                .isFalse();
        assertThat(ServerArchive.archivable(fatJar.toString()))
                .as("a Spring Boot fat jar")
                .isFalse();
        assertThat(ServerArchive.archivable(home.resolve("missing.jar").toString()))
                .isFalse();
        assertThat(ServerArchive.of(folder.toString(), JAVA_HOME, cache())).isEmpty();
    }

    @Test
    void theCacheFolderFollowsXdgAndIgnoresARelativeOne() {
        assertThat(ServerArchive.cacheFolder(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")))
                .contains(Path.of("/c/bosun"));
        assertThat(ServerArchive.cacheFolder(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")))
                .contains(Path.of("/h/.cache/bosun"));
        assertThat(ServerArchive.cacheFolder(Map.of("HOME", "/h"))).contains(Path.of("/h/.cache/bosun"));
        assertThat(ServerArchive.cacheFolder(Map.of())).isEmpty();
    }

    @Test
    void theDumpLeavesOutLambdaLinesAndALineBeingWritten() {
        assertThat(
                        ServerArchive.dumpableClasses(
                                "java/lang/Object id: 0\n@lambda-proxy a/B run ()V\nx/Y id: 1\n@lambda-form-invoker [LF] x\nx/Z"))
                .containsExactly("java/lang/Object id: 0", "x/Y id: 1");
    }

    private Map<String, String> cache() {
        return Map.of("XDG_CACHE_HOME", home.resolve("cache").toString(), "HOME", home.toString());
    }

    /** Bytes in the middle of the archive changed, its header left whole: the damage a disk or a copy does. */
    private static void damage(Path archive) throws IOException {
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            byte[] garbage = new byte[64 * 1024];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            file.write(garbage);
        }
    }

    /** A plain jar with {@code Hello}: prints "ready", then waits for its input to close. */
    private Path programJar() throws IOException {
        Path source = Files.createDirectories(home.resolve("src")).resolve("Hello.java");
        Files.writeString(source, """
                public class Hello {
                    public static void main(String[] args) throws Exception {
                        java.util.function.Supplier<String> ready = () -> "ready";
                        System.out.println(ready.get());
                        System.out.flush();
                        while (System.in.read() >= 0) {}
                    }
                }
                """);
        Path classes = Files.createDirectories(home.resolve("out"));
        int compiled =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(compiled).isZero();
        Path jar = home.resolve("program.jar");
        if (!Files.exists(jar)) {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(Map.of()))) {
                out.putNextEntry(new JarEntry("Hello.class"));
                out.write(Files.readAllBytes(classes.resolve("Hello.class")));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path jar(Path path, Map<String, String> attributes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), manifest(attributes))) {
            out.putNextEntry(new JarEntry("empty.txt"));
            out.closeEntry();
        }
        return path;
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        return manifest;
    }

    /** The stand-in server: started with the given JVM flags, ready once it printed "ready". */
    private record Program(Process process, Path output) {

        static Program start(Path jar, List<String> flags) throws IOException {
            List<String> argv = new ArrayList<>();
            argv.add(JAVA_HOME.resolve("bin").resolve("java").toString());
            argv.addAll(flags);
            argv.addAll(List.of("-cp", jar.toString(), "Hello"));
            Path output = Files.createTempFile(jar.getParent(), "program-", ".out");
            Process process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            Program program = new Program(process, output);
            Await.until(
                    "the program to start (flags " + flags + ")",
                    Duration.ofSeconds(60),
                    program::printed,
                    out -> out.contains("ready") || !process.isAlive());
            assertThat(program.printed()).as("started despite its archive").contains("ready");
            return program;
        }

        long pid() {
            return process.pid();
        }

        String printed() {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void finish() throws Exception {
            try (OutputStream in = process.getOutputStream()) {
                // closing its input ends it
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(printed()).isZero();
        }
    }
}
