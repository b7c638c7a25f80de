package dev.sanfi.sockets.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of the repository as the docs checks see them, named by repository-relative paths with
 * {@code /} separators ({@code docs/03-frames.md}). On disk for the real check, in memory for the
 * checks' own tests.
 */
interface RepositoryFiles {

    /** Whether a file or a directory exists at this path; {@code ""} is the repository itself. */
    boolean exists(String path);

    /** The lines of the text file at this path, or empty when there is no such file. */
    Optional<List<String>> lines(String path);

    /** The working tree under {@code root}; paths that climb out of it do not exist. */
    static RepositoryFiles onDisk(Path root) {
        Path top = root.toAbsolutePath().normalize();
        return new RepositoryFiles() {
            @Override
            public boolean exists(String path) {
                return path.isEmpty() || resolve(path).map(Files::exists).orElse(false);
            }

            @Override
            public Optional<List<String>> lines(String path) {
                return resolve(path).filter(Files::isRegularFile).map(file -> {
                    try {
                        return Files.readAllLines(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            private Optional<Path> resolve(String path) {
                if (path.isEmpty() || path.startsWith("/")) {
                    return Optional.empty();
                }
                Path file = top.resolve(path).normalize();
                return file.startsWith(top) ? Optional.of(file) : Optional.empty();
            }
        };
    }

    /** A repository of the given files (path to content); their parent directories exist too. */
    static RepositoryFiles inMemory(Map<String, String> files) {
        return new RepositoryFiles() {
            @Override
            public boolean exists(String path) {
                String directory = path.endsWith("/") ? path : path + "/";
                return path.isEmpty() || files.containsKey(path) || files.keySet().stream().anyMatch(name -> name.startsWith(directory));
            }

            @Override
            public Optional<List<String>> lines(String path) {
                return Optional.ofNullable(files.get(path)).map(text -> text.lines().toList());
            }
        };
    }
}
