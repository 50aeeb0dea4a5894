import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Build step (pom.xml runs it with Java's source launcher after extracting the application into
 * target/bosun-app/): rewrites each signed jar of a folder without its signature. Java's class data
 * sharing never archives a class of a signed jar, and loading the first one verifies the whole
 * jar's signature: JGit, the one signed jar Bosun uses, cost every bosun start and validate ~0.2 s.
 * The classes and resources are copied byte for byte; only META-INF's signature files and the
 * manifest's per-entry digests go. The fat jar keeps the signed original.
 */
public final class UnsignJars {

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+");

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                if (isSigned(jar)) {
                    unsign(jar);
                    System.out.println("unsigned " + folder.relativize(jar));
                }
            }
        }
    }

    private static boolean isSigned(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return file.stream().anyMatch(entry -> SIGNATURE.matcher(entry.getName()).matches());
        }
    }

    private static void unsign(Path jar) throws IOException {
        Path temp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        try (JarFile in = new JarFile(jar.toFile(), false);
                OutputStream bytes = Files.newOutputStream(temp);
                JarOutputStream out = new JarOutputStream(bytes)) {
            Manifest manifest = in.getManifest();
            if (manifest != null) {
                manifest.getEntries().clear(); // the per-entry digests the signature covered
                JarEntry entry = new JarEntry(JarFile.MANIFEST_NAME);
                out.putNextEntry(entry);
                manifest.write(out);
                out.closeEntry();
            }
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || SIGNATURE.matcher(name).matches()) {
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
