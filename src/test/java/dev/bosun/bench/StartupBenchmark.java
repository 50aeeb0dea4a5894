package dev.bosun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Start-up to ready and idle memory with the {@code large} template (19 members): {@code bin/bosun
 * start --port 0} as a user runs it (the first start separately: it records the classes for the
 * class data archive, which is then made in the background and waited for), against the old way in
 * the same run: {@code java -jar target/bosun-*.jar} with the server's old flags and no archive.
 * Memory is read once every member is idle ({@code bosun status}) and the server has idled a while:
 * the server's VmRSS, and that of its whole process tree (an idle member runs no process: the tree
 * shows whether that holds).
 */
final class StartupBenchmark implements BenchmarkSection {

    private static final int LATER_RUNS = 3;
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final List<String> OLD_FLAGS = List.of("-Xmx768m", "-XX:+UseSerialGC");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        Path repository = workspace.repository("startup", "large");
        // a cache of its own: the first start must find no archive, and the user's is left alone
        Map<String, String> environment =
                Map.of("XDG_CACHE_HOME", workspace.folder("cache").toString());
        Path cache = Path.of(environment.get("XDG_CACHE_HOME")).resolve("bosun");

        Start first = bosunStart(workspace, repository, environment);
        stop(workspace, repository, environment);
        boolean recorded = first.flags().stream().anyMatch(f -> f.startsWith("-XX:DumpLoadedClassList="));
        double archiveWait = recorded ? awaitArchive(cache) : 0;

        Samples bosun = new Samples();
        Samples old = new Samples();
        List<Double> bosunRuns = new ArrayList<>();
        List<Double> oldRuns = new ArrayList<>();
        Samples bosunCpu = new Samples();
        Samples oldCpu = new Samples();
        Memory bosunMemory = null;
        Memory oldMemory = null;
        boolean mapped = false;
        for (int run = 0; run < LATER_RUNS; run++) {
            // interleaved, so a burst of load elsewhere slows both ways alike
            Start start = bosunStart(workspace, repository, environment);
            bosun.add(start.millis());
            bosunRuns.add(start.millis());
            bosunCpu.add(start.cpuMillis());
            mapped = mapsArchive(start.pid(), cache);
            if (run == 0) {
                bosunMemory = idleMemory(workspace, repository, environment, start.pid());
            }
            stop(workspace, repository, environment);

            Start before = oldStart(workspace, repository);
            old.add(before.millis());
            oldRuns.add(before.millis());
            oldCpu.add(before.cpuMillis());
            if (run == 0) {
                oldMemory = idleMemory(workspace, repository, environment, before.pid());
            }
            stopOld(before.pid());
        }

        String startDetail = String.format(
                Locale.ROOT,
                "runs %s; first start %s%s; archive %s; old way (java -jar, %s, no archive): median %s, runs %s,"
                        + " ratio %.2f×; server CPU time to ready: median %s, old way %s",
                seconds(bosunRuns),
                Figure.seconds(first.millis()),
                recorded ? ", then the archive took " + Figure.seconds(archiveWait) + " in the background" : "",
                mapped ? "mapped" : "not used (the class path is not plain jars: see README)",
                String.join(" ", OLD_FLAGS),
                Figure.seconds(old.median()),
                seconds(oldRuns),
                bosun.median() / old.median(),
                Figure.seconds(bosunCpu.median()),
                Figure.seconds(oldCpu.median()));
        return List.of(
                Figure.atMost(
                        "start-up to ready, bin/bosun start (median of " + LATER_RUNS + " after the first)",
                        bosun.median() / 1000,
                        6,
                        "s",
                        startDetail),
                Figure.atMost(
                        "resident memory, 19 idle members: server JVM (VmRSS)",
                        bosunMemory.serverMb(),
                        400,
                        "MB",
                        String.format(
                                Locale.ROOT,
                                "old way %.0f MB; after %d s idle",
                                oldMemory.serverMb(),
                                IDLE.toSeconds())),
                Figure.atMost(
                        "resident memory, 19 idle members: server's process tree",
                        bosunMemory.treeMb(),
                        400,
                        "MB",
                        String.format(
                                Locale.ROOT,
                                "%d process(es) besides the server; old way %.0f MB",
                                bosunMemory.children(),
                                oldMemory.treeMb())));
    }

    private static String seconds(List<Double> millis) {
        return String.join(", ", millis.stream().map(Figure::seconds).toList());
    }

    /**
     * A started server: when it was ready, its pid, its JVM flags, and the CPU time it had used by
     * then (user + system), which a busy machine distorts far less than the wall time.
     */
    private record Start(double millis, long pid, List<String> flags, double cpuMillis) {}

    /** The CPU time the process has used so far, from {@code /proc/PID/stat} (utime + stime). */
    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state is field 3 of proc(5), utime 14 and stime 15, in USER_HZ (100 on Linux)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / 100;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory in MB of the server and of its process tree, and how many processes it has below it. */
    private record Memory(double serverMb, double treeMb, int children) {}

    private static Start bosunStart(BenchmarkWorkspace workspace, Path repository, Map<String, String> environment)
            throws Exception {
        BenchmarkWorkspace.Result started = workspace
                .run(repository, environment, workspace.bosun().toString(), "start", "--port", "0", "--json")
                .orFail();
        long pid = JSON.readTree(started.out()).get("pid").asLong();
        return new Start(started.millis(), pid, commandLine(pid), cpuMillis(pid));
    }

    private static void stop(BenchmarkWorkspace workspace, Path repository, Map<String, String> environment)
            throws Exception {
        workspace
                .run(repository, environment, workspace.bosun().toString(), "stop")
                .orFail();
    }

    /** Today's main: the fat jar, its old flags, started and waited for as bosun start waits. */
    private static Start oldStart(BenchmarkWorkspace workspace, Path repository) throws Exception {
        Path serverFile = repository.resolve(".bosun").resolve("server.json");
        Files.deleteIfExists(serverFile);
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(OLD_FLAGS);
        argv.add("-jar");
        argv.add(fatJar(workspace.project()).toString());
        argv.add("--bosun.repository=" + repository);
        argv.add("--bosun.processes-dir=" + repository.resolve(".bosun").resolve("processes"));
        argv.add("--server.port=0");
        Path log = workspace.folder("old-server").resolve("server.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(argv)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the old-way server exited " + process.exitValue() + "; see " + log);
            }
            if (Files.isRegularFile(serverFile) && answers(serverFile)) {
                return new Start((System.nanoTime() - start) / 1e6, process.pid(), List.of(), cpuMillis(process.pid()));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the old-way server was not ready within 10 minutes; see " + log);
    }

    private static boolean answers(Path serverFile) {
        try {
            String url = JSON.readTree(Files.readString(serverFile)).get("url").asText();
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/status"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stopOld(long pid) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.get().destroyForcibly();
        }
    }

    private static Path fatJar(Path project) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/bosun-*.jar: bin/benchmark builds it"));
        }
    }

    /** The background dump of the first start's classes; the figure says how long it took. */
    private static double awaitArchive(Path cache) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cache)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"))) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no class data archive in " + cache + " within 15 minutes; see its .log there");
    }

    private static boolean mapsArchive(long pid, Path cache) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"))
                    .contains(cache.toString());
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> commandLine(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().arguments())
                .map(List::of)
                .orElse(List.of());
    }

    /** Waits until {@code bosun status} shows every member idle, then {@link #IDLE} more, then reads VmRSS. */
    private static Memory idleMemory(
            BenchmarkWorkspace workspace, Path repository, Map<String, String> environment, long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            BenchmarkWorkspace.Result status =
                    workspace.run(repository, environment, workspace.bosun().toString(), "status", "--json");
            if (status.exitCode() == 0 && allIdle(JSON.readTree(status.out()))) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("members not idle within 5 minutes: " + status.out() + status.err());
            }
            Thread.sleep(1000);
        }
        Thread.sleep(IDLE.toMillis()); // a measured idle period, not synchronisation
        ProcessHandle server =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("server " + pid + " gone"));
        List<ProcessHandle> below = server.descendants().toList();
        double serverKb = rssKb(pid);
        double treeKb = serverKb;
        for (ProcessHandle child : below) {
            treeKb += rssKb(child.pid());
        }
        return new Memory(serverKb / 1024, treeKb / 1024, below.size());
    }

    private static boolean allIdle(JsonNode status) {
        JsonNode members = status.get("members");
        if (members == null || members.isEmpty()) {
            return false;
        }
        for (JsonNode member : members) {
            if (!"idle".equals(member.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static double rssKb(long pid) {
        try {
            for (String line :
                    Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            // gone between listing and reading: it holds nothing now
        }
        return 0;
    }
}
