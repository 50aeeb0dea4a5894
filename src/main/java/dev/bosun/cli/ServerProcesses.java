package dev.bosun.cli;

import java.util.Optional;

import dev.bosun.ServerFile;

/** The local server process named by {@code .bosun/server.json}. */
final class ServerProcesses {

    private ServerProcesses() {}

    static Optional<ProcessHandle> process(ServerFile.Contents server) {
        return ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive).filter(ServerProcesses::isJava);
    }

    static boolean alive(ServerFile.Contents server) {
        return process(server).isPresent();
    }

    /** A pid from an old file may have been reused by some other program: only a JVM can be ours. */
    private static boolean isJava(ProcessHandle handle) {
        return handle.info()
                .command()
                .map(c -> c.endsWith("/java") || c.endsWith("/java.exe"))
                .orElse(true);
    }
}
