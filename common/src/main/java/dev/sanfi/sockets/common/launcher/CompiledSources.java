package dev.sanfi.sockets.common.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The classes compiled from the sources as they were at one moment, one directory per such state
 * (named by its key), under the module's {@code target/}.
 *
 * <p>A state's directory is never changed once it is complete, because a program that runs from it
 * loads classes lazily, long after it started: a server started before an edit must keep working
 * while a client started after it compiles the new state. So each state is compiled into a
 * directory of its own and moved into place complete; each JVM that runs from one holds a shared
 * lock on it for as long as it lives (the operating system releases the lock when the JVM ends,
 * however it ends); and an old state is deleted only when no JVM holds its lock.
 */
final class CompiledSources {

    /** Compiles the sources into an empty directory; returns the compiler's errors, empty when it compiled. */
    interface Compilation {
        List<String> into(Path directory) throws IOException;
    }

    /** The sources do not compile; nothing was run. */
    static final class CompileFailure extends Exception {
        private final List<String> errors;

        CompileFailure(List<String> errors) {
            super(errors.size() + (errors.size() == 1 ? " error" : " errors"));
            this.errors = List.copyOf(errors);
        }

        List<String> errors() {
            return errors;
        }
    }

    /** The classes of one state, and whether this call compiled them (or a run before it had). */
    record State(Path classes, boolean compiledNow) {
    }

    /** The locks this JVM holds, by lock file: kept reachable, or the channel's cleaner would release them. */
    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private final Path directory;

    CompiledSources(Path directory) {
        this.directory = directory;
    }

    /**
     * The directory of the classes of state {@code key}: compiled now by {@code compilation} unless
     * a run before compiled that same state. Old states that no running JVM uses are deleted.
     */
    State obtain(String key, Compilation compilation) throws IOException, CompileFailure {
        Files.createDirectories(directory);
        hold(key);
        Path classes = directory.resolve(key);
        boolean compiledNow = !Files.isDirectory(classes);
        if (compiledNow) {
            Path partial = Files.createTempDirectory(directory, key + ".partial-");
            List<String> errors = compilation.into(partial);
            if (!errors.isEmpty()) {
                delete(partial);
                throw new CompileFailure(errors);
            }
            try {
                Files.move(partial, classes, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                delete(partial); // another run compiled the same state at the same time: take its classes
            }
        }
        pruneAllBut(key);
        return new State(classes, compiledNow);
    }

    /** A shared lock on the state's lock file, for the life of this JVM. */
    private void hold(String key) throws IOException {
        Path lockFile = directory.resolve(key + ".lock");
        if (HELD.containsKey(lockFile)) {
            return;
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        HELD.put(lockFile, channel.lock(0, Long.MAX_VALUE, true));
    }

    /** Deletes every other state, and what a run that died while compiling left, unless a JVM holds its lock. */
    private void pruneAllBut(String key) throws IOException {
        List<Path> lockFiles;
        try (Stream<Path> list = Files.list(directory)) {
            lockFiles = list.filter(path -> path.getFileName().toString().endsWith(".lock")).toList();
        }
        for (Path lockFile : lockFiles) {
            String other = lockFile.getFileName().toString().replaceFirst("\\.lock$", "");
            if (other.equals(key) || HELD.containsKey(lockFile)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    continue; // a running JVM uses that state
                }
                for (Path left : statesNamed(other)) {
                    delete(left);
                }
                Files.deleteIfExists(lockFile);
            } catch (OverlappingFileLockException e) {
                // held by this JVM through another path to the same file: in use
            }
        }
    }

    private List<Path> statesNamed(String key) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(path -> {
                String name = path.getFileName().toString();
                return name.equals(key) || name.startsWith(key + ".partial-");
            }).toList();
        }
    }

    private static void delete(Path tree) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
