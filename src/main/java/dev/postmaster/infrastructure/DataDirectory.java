package dev.postmaster.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Writes a file that only the owner may read (0600), creating it with those permissions from the start so
     * that the content is never readable by others, not even for a moment.
     *
     * @return {@code false} if the file already existed and was left alone
     */
    public boolean writePrivateFileOnce(String fileName, String content) {
        Path file = resolve(fileName);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the best we can do is create it plainly.
            try {
                Files.createFile(file);
            } catch (IOException ioe) {
                throw new UncheckedIOException(ioe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return true;
    }
}
