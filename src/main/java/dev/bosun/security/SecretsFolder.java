package dev.bosun.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code .bosun/secrets/} of a repository: a folder only its owner may enter (0700) holding one
 * secret per file (0600). A file is written once, whole, by whichever node gets there first:
 * it is filled under a temporary name and then hard-linked to its name, which fails when the
 * name exists, so two nodes starting on one repository at once both end up reading the
 * winner's value and nobody ever reads half a file. Safe to use from several threads and JVMs.
 */
public final class SecretsFolder {

    public static final String API_TOKEN = "api-token";
    public static final String ADMIN_PASSWORD = "admin-password";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** A secret and whether this call created it (so it is shown once, to whoever started the server). */
    public record Secret(String value, boolean created) {}

    private final Path dir;

    public SecretsFolder(Path dir) {
        this.dir = dir;
    }

    /** {@code <repository>/.bosun/secrets}. */
    public static SecretsFolder of(Path repository) {
        return new SecretsFolder(repository.resolve(".bosun").resolve("secrets"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A fresh random value: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String randomValue() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The file's value, created with {@code generate} when it does not exist yet; tightens modes on the way. */
    public Secret readOrCreate(String name, Supplier<String> generate) {
        Path file = file(name);
        try {
            ensureFolder();
            boolean created = false;
            if (!Files.exists(file)) {
                created = createOnce(file, generate.get());
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(file + " is empty; delete it and restart to get a new secret");
            }
            return new Secret(value, created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }

    private void ensureFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (FileAlreadyExistsException e) {
                // another node made it a moment ago
            }
        }
        // also narrows a folder that an older Bosun or a user created with the umask's mode
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    /** True when this call's value became the file; false when another node's did. */
    private boolean createOnce(Path file, String value) throws IOException {
        Path temp = Files.createTempFile(
                dir, file.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
