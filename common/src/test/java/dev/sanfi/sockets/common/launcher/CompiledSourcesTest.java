package dev.sanfi.sockets.common.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled states under {@code target/}: an old state goes when no JVM runs from it, and
 * stays while one does (a server started before an edit keeps loading its classes from it).
 */
class CompiledSourcesTest {

    @TempDir
    Path directory;

    @Test
    void anOldStateNoJvmHoldsIsDeleted() throws Exception {
        Files.createDirectories(directory.resolve("old"));
        Files.writeString(directory.resolve("old/Old.class"), "old");
        Files.createFile(directory.resolve("old.lock"));
        Files.createDirectories(directory.resolve("dead.partial-1")); // a run that died while compiling
        Files.createFile(directory.resolve("dead.lock"));

        CompiledSources.State state = new CompiledSources(directory).obtain("new", this::compileOneClass);

        assertThat(state.compiledNow()).isTrue();
        assertThat(state.classes().resolve("New.class")).hasContent("new");
        assertThat(directory.resolve("old")).doesNotExist();
        assertThat(directory.resolve("dead.partial-1")).doesNotExist();
        assertThat(directory.resolve("old.lock")).doesNotExist();
    }

    @Test
    void aStateARunningJvmHoldsIsKept() throws Exception {
        Files.createDirectories(directory.resolve("running"));
        Path lockFile = Files.createFile(directory.resolve("running.lock"));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock held = channel.lock(0, Long.MAX_VALUE, true)) {
            new CompiledSources(directory).obtain("new", this::compileOneClass);

            assertThat(held.isValid()).isTrue();
            assertThat(directory.resolve("running")).isDirectory();
        }
    }

    @Test
    void aStateCompiledBeforeIsTakenAsItIs() throws Exception {
        CompiledSources sources = new CompiledSources(directory);
        sources.obtain("same", this::compileOneClass);

        CompiledSources.State again = sources.obtain("same", output -> List.of("must not compile again"));

        assertThat(again.compiledNow()).isFalse();
        assertThat(again.classes().resolve("New.class")).hasContent("new");
    }

    @Test
    void aFailedCompilationLeavesNothingBehind() throws Exception {
        CompiledSources sources = new CompiledSources(directory);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sources.obtain("broken", output -> List.of("X.java:1: error")))
                .isInstanceOf(CompiledSources.CompileFailure.class)
                .hasMessage("1 error");
        try (var list = Files.list(directory)) {
            assertThat(list.map(path -> path.getFileName().toString())).containsExactly("broken.lock");
        }
    }

    private List<String> compileOneClass(Path output) throws IOException {
        Files.writeString(output.resolve("New.class"), "new");
        return List.of();
    }
}
