package dev.postmaster.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The folder where the application keeps every file it must not lose across a restart: the embedded database,
 * the secret key, the initial admin password. Payara Micro gives each boot a fresh temporary root, so anything
 * written elsewhere would vanish; {@code scripts/run.sh} sets {@code POSTMASTER_DATA_DIR} and both the JDBC pool
 * and this bean read it.
 */
@ApplicationScoped
public class DataDirectory {

    @Inject
    @ConfigProperty(name = "postmaster.data.dir", defaultValue = "data")
    String location;

    public DataDirectory() {
        // for CDI
    }

    /** A data directory at {@code location}, for tests and tools. */
    public DataDirectory(Path location) {
        this.location = location.toString();
    }

    public Path root() {
        Path root = Path.of(location).toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root
                    + "; set POSTMASTER_DATA_DIR to a writable folder", e);
        }
        return root;
    }

    public Path resolve(String fileName) {
        return root().resolve(fileName);
    }

    /**
     * Writes a file that only the owner may read (0600), in one atomic step: the content goes to a temporary file
     * in the same directory, created with those permissions from the start (so that it is never readable by
     * others, not even for a moment), is forced to disk, and the temporary file is then renamed to its name. A
     * crash therefore leaves either no file or the complete one, never one that is empty or cut short; for the
     * secret key, a file cut short would make every stored password unreadable.
     *
     * @return {@code false} if the file already existed and was left alone
     */
    public boolean writePrivateFileOnce(String fileName, String content) {
        Path file = resolve(fileName);
        if (Files.exists(file)) {
            return false;
        }
        Path temporary = null;
        try {
            temporary = createPrivateTemporary(file);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.exists(file)) {
                // Written meanwhile (a rename would replace it): only another process on this folder could.
                return false;
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            forceDirectory(file.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // Only a leftover temporary file, which holds nothing the real one does not.
                }
            }
        }
    }

    /**
     * Makes the rename durable, so that a file written (and relied on, as the key is) does not vanish in a power
     * cut. Where a directory cannot be opened for this (Windows), the rename is left to the file system.
     */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported here; the rename itself is still atomic
        }
    }

    /** An empty file beside {@code file}, readable by the owner only where the file system knows permissions. */
    private static Path createPrivateTemporary(Path file) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        try {
            return Files.createTempFile(file.getParent(), prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the best we can do is create it plainly.
            return Files.createTempFile(file.getParent(), prefix, ".tmp");
        }
    }
}
