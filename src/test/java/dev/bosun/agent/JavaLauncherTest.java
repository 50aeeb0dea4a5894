package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaLauncherTest {

    @TempDir
    Path dir;

    private Path jar(String name, String bootClasses) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bootClasses != null) {
            manifest.getMainAttributes().putValue("Spring-Boot-Classes", bootClasses);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    @Test
    void plainClassPathRunsTheMainClassDirectly() {
        String cp = "/a/classes" + File.pathSeparator + "/b/lib.jar";
        List<String> argv = new JavaLauncher(Path.of("/opt/jdk"), cp).command("x.Main", List.of("the prompt"));
        assertThat(argv)
                .containsExactly(
                        "/opt/jdk/bin/java",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx64m",
                        "-Xshare:auto",
                        "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                        "-Dslf4j.internal.verbosity=WARN",
                        "-cp",
                        cp,
                        "x.Main",
                        "the prompt");
    }

    @Test
    void relativeClassPathEntriesBecomeAbsoluteBecauseTheChildStartsInTheWorktree() {
        String cp = "target/bosun.jar" + File.pathSeparator + "/b/lib.jar";
        List<String> argv = new JavaLauncher(Path.of("/opt/jdk"), cp).command("x.Main", List.of());
        String expected = Path.of("target/bosun.jar").toAbsolutePath() + File.pathSeparator + "/b/lib.jar";
        assertThat(argv.get(argv.indexOf("-cp") + 1)).isEqualTo(expected);
    }

    @Test
    void springBootFatJarGoesThroughPropertiesLauncher() throws Exception {
        Path jar = jar("bosun.jar", "BOOT-INF/classes/");
        List<String> argv = new JavaLauncher(Path.of("/opt/jdk"), jar.toString()).command("x.Main", List.of("p"));
        assertThat(argv)
                .containsExactly(
                        "/opt/jdk/bin/java",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx64m",
                        "-Xshare:auto",
                        "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                        "-Dslf4j.internal.verbosity=WARN",
                        "-cp",
                        jar.toString(),
                        "-Dloader.main=x.Main",
                        "org.springframework.boot.loader.launch.PropertiesLauncher",
                        "p");
    }

    @Test
    void manifestOnlyBooterJarIsAPlainClassPath() throws Exception {
        Path jar = jar("surefirebooter.jar", null);
        assertThat(new JavaLauncher(Path.of("/opt/jdk"), jar.toString()).command("x.Main", List.of()))
                .endsWith("-cp", jar.toString(), "x.Main");
    }

    @Test
    void currentJvm() {
        List<String> argv = JavaLauncher.current().command("x.Main", List.of());
        assertThat(Path.of(argv.get(0))).isExecutable();
        String classPath = argv.get(argv.indexOf("-cp") + 1);
        assertThat(classPath.split(File.pathSeparator))
                .allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute())
                .hasSameSizeAs(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    @Test
    void aShortCommandKeepsAShortClassPathOnTheCommandLine() throws Exception {
        String cp = "/a/classes" + File.pathSeparator + "/b/lib.jar";
        List<String> argv =
                new JavaLauncher(Path.of("/opt/jdk"), cp).shortCommand("x.Main", List.of("a"), dir.resolve("cache"));
        assertThat(argv).contains("-cp", cp).endsWith("x.Main", "a");
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    /** tmux refused the pane of a development build: "command too long" (AttachCommandTest). */
    @Test
    void aShortCommandPutsALongClassPathIntoAnArgumentFileTheChildJvmReads() throws Exception {
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        while (cp.length() <= JavaLauncher.LONG_CLASS_PATH) {
            // entries that do not exist are skipped by java; a space and a quote must survive the file
            cp.append(File.pathSeparator).append(dir.resolve("no such \"folder\" " + cp.length()));
        }
        Path cache = dir.resolve("cache");
        List<String> argv = new JavaLauncher(Path.of(System.getProperty("java.home")), cp.toString())
                .shortCommand("dev.bosun.cli.BosunCli", List.of("--version"), cache);

        assertThat(argv).doesNotContain("-cp").anySatisfy(arg -> assertThat(arg).startsWith("@" + cache));
        assertThat(String.join(" ", argv).length()).isLessThan(JavaLauncher.LONG_CLASS_PATH);
        Process child = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("bosun 0.1.0");
        assertThat(argv)
                .as("the same class path, the same file")
                .isEqualTo(new JavaLauncher(Path.of(System.getProperty("java.home")), cp.toString())
                        .shortCommand("dev.bosun.cli.BosunCli", List.of("--version"), cache));
    }

    @Test
    void aFatJarWithItsExtractedLayoutBesideItRunsTheExtractedJarWithTheClisArchive() throws Exception {
        Path fatJar = jar("bosun-1.jar", "BOOT-INF/classes/");
        Files.createDirectories(dir.resolve(JavaLauncher.EXTRACTED_FOLDER));
        Path extracted = jar(JavaLauncher.EXTRACTED_FOLDER + "/bosun-1.jar", null);
        Path archive =
                Files.writeString(dir.resolve(JavaLauncher.EXTRACTED_FOLDER).resolve("cli.jsa"), "archive");

        List<String> argv = new JavaLauncher(Path.of("/opt/jdk"), fatJar.toString()).command("x.Main", List.of("p"));

        assertThat(argv)
                .containsExactly(
                        "/opt/jdk/bin/java",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx64m",
                        "-Xshare:auto",
                        "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                        "-Dslf4j.internal.verbosity=WARN",
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-cp",
                        extracted.toString(),
                        "x.Main",
                        "p");
    }

    @Test
    void aServerKeepsItsOwnFlagsWithoutTheClisArchive() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Path jar = jar("app/bosun-1.jar", null);
        Files.writeString(dir.resolve("app").resolve("cli.jsa"), "archive");

        List<String> argv =
                new JavaLauncher(Path.of("/opt/jdk"), jar.toString()).command("x.Main", List.of("-Xmx768m"), List.of());

        assertThat(argv).containsExactly("/opt/jdk/bin/java", "-Xmx768m", "-cp", jar.toString(), "x.Main");
    }

    @Test
    void withoutAnArchiveOrAnExtractedLayoutNothingChanges() throws Exception {
        Path fatJar = jar("bosun-2.jar", "BOOT-INF/classes/");
        List<String> argv = new JavaLauncher(Path.of("/opt/jdk"), fatJar.toString()).command("x.Main", List.of());
        assertThat(argv)
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"))
                .contains("-cp", fatJar.toString());
        assertThat(argv).contains(JavaLauncher.BOOT_LAUNCHER);
    }
}
