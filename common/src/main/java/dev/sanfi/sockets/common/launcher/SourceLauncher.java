package dev.sanfi.sockets.common.launcher;

import dev.sanfi.sockets.common.launcher.CompiledSources.CompileFailure;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * What {@code mvn -pl MODULE exec:java} starts (the parent POM names it): the module's {@code Main}
 * on the code as it is now. When a Java source of the module, or of a module of this repository
 * it uses ({@code common}, {@code 01-echo-raw}), is newer than its classes on the class path, all
 * of those sources are compiled again, into {@code target/} (see {@link CompiledSources}), and the
 * program runs on those classes; when none is, it runs on the class path as Maven gave it. Either
 * way each module's {@code src/main/resources} comes first, so that an edited page is served.
 *
 * <p>The settings come from system properties that the parent POM sets: {@code launcher.mainClass},
 * {@code launcher.module} (the module's directory), {@code launcher.root} (the repository's),
 * {@code launcher.release} (javac's {@code --release}) and {@code launcher.output}; the class path
 * is the one {@code exec:java} built, the URLs of the class loader that loaded this class.
 */
public final class SourceLauncher {

    /**
     * @param mainClass the program to run
     * @param module    the directory of the module it belongs to
     * @param root      the repository's directory, whose direct subdirectories are its modules
     * @param release   the Java release to compile for, as the build does
     * @param output    where the compiled states go
     * @param classPath the program's class path as the build resolved it
     */
    record Settings(String mainClass, Path module, Path root, String release, Path output, List<Path> classPath) {
        Settings {
            classPath = List.copyOf(classPath);
        }
    }

    private SourceLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        Settings settings;
        try {
            settings = fromSystemProperties(classPathOf(SourceLauncher.class.getClassLoader()));
        } catch (IllegalStateException e) {
            System.err.println("launcher: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClassLoader loader;
        try {
            loader = prepare(settings, ToolProvider.getSystemJavaCompiler(), System.err);
        } catch (CompileFailure failure) {
            failure.errors().forEach(System.err::println);
            System.err.println(settings.module().getFileName() + ": the sources do not compile (" + failure.getMessage()
                    + "); nothing was run");
            System.exit(1);
            return;
        }
        run(loader, settings.mainClass(), args);
    }

    /**
     * The class loader to run the program from: the newly compiled classes first when a source is
     * newer than its classes, then each module's resource directory, then the class path as given.
     * Its parent is the platform class loader, so no class of the program can come from elsewhere.
     *
     * @param javac the compiler, or null when this JVM has none (then the classes run as last built)
     * @param log   where the one line about compiling goes
     * @throws CompileFailure when the sources do not compile
     */
    static URLClassLoader prepare(Settings settings, JavaCompiler javac, PrintStream log) throws IOException, CompileFailure {
        Path module = settings.module().toAbsolutePath().normalize();
        // The module last, after the modules it uses: "common and 04-echo-netty".
        List<SourceTree> candidates = new ArrayList<>(SourceTree.inRepository(settings.root().toAbsolutePath().normalize()));
        candidates.removeIf(tree -> tree.module().equals(module));
        candidates.add(SourceTree.scan(module));
        List<String> probes = candidates.stream().flatMap(tree -> tree.probe().stream()).toList();
        Map<String, Path> built = BuiltClasses.locate(settings.classPath(), probes);

        // The module itself, and every module whose classes are on its class path.
        List<SourceTree> trees = new ArrayList<>();
        Map<SourceTree, Path> classesOf = new HashMap<>();
        boolean moduleStale = false;
        boolean libraryStale = false;
        for (SourceTree tree : candidates) {
            boolean itself = tree.module().equals(module);
            Optional<Path> classes = tree.probe().map(built::get);
            if (!itself && classes.isEmpty()) {
                continue;
            }
            trees.add(tree);
            classes.ifPresent(entry -> classesOf.put(tree, entry));
            boolean stale = newerThanItsClasses(tree, classes);
            moduleStale |= itself && stale;
            libraryStale |= !itself && stale;
        }
        // An edit in a module others use (common) compiles those others too: their classes were
        // compiled against the old one (a constant is copied into the class that uses it, §13.1 of
        // the JLS). An edit in the module alone compiles the module alone, against the rest as built.
        List<SourceTree> compile = libraryStale ? trees : moduleStale ? List.of(trees.get(trees.size() - 1)) : List.of();

        List<URL> urls = new ArrayList<>();
        if (!compile.isEmpty() && javac == null) {
            log.println(module.getFileName() + ": the sources changed since the last build, but this JVM has no Java"
                    + " compiler (a JRE?): running the classes as last built");
        } else if (!compile.isEmpty()) {
            List<Path> others = settings.classPath().stream()
                    .filter(entry -> compile.stream().noneMatch(tree -> entry.equals(classesOf.get(tree))))
                    .toList();
            long start = System.nanoTime();
            CompiledSources.State state = new CompiledSources(settings.output())
                    .obtain(key(compile, others, settings.release()),
                            directory -> new TreeCompiler(javac, settings.release()).compile(compile, others, directory));
            log.printf("%s: the sources changed since the last build: running them as they are now (%s, %s)%n",
                    module.getFileName(), names(compile),
                    state.compiledNow() ? "compiled in " + (System.nanoTime() - start) / 1_000_000 + " ms" : "compiled before");
            urls.add(state.classes().toUri().toURL());
        }
        for (SourceTree tree : trees) {
            if (Files.isDirectory(tree.resourceDirectory())) {
                urls.add(tree.resourceDirectory().toUri().toURL());
            }
        }
        for (Path entry : settings.classPath()) {
            urls.add(entry.toUri().toURL());
        }
        return new URLClassLoader("launched " + settings.mainClass(), urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }

    /** Runs {@code mainClass}'s {@code main} in this thread, with {@code loader} as its context class loader. */
    static void run(ClassLoader loader, String mainClass, String[] args) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // what the program threw, as if it had been started directly
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** "common, 01-echo-raw and 05-chat-broadcast". */
    private static String names(List<SourceTree> trees) {
        List<String> names = trees.stream().map(SourceTree::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static boolean newerThanItsClasses(SourceTree tree, Optional<Path> classes) throws IOException {
        if (tree.newest().isEmpty()) {
            return false;
        }
        if (classes.isEmpty()) {
            return true; // never compiled: the module's own target/classes after mvn clean
        }
        return BuiltClasses.builtAt(classes.get()).map(built -> tree.newest().get().compareTo(built) > 0).orElse(true);
    }

    /** Names one state of the sources: every file's path, size and time, the other class path entries, the release. */
    static String key(List<SourceTree> trees, List<Path> others, String release) {
        StringBuilder state = new StringBuilder("release ").append(release).append('\n');
        for (SourceTree tree : trees) {
            state.append("tree ").append(tree.module()).append('\n');
            for (SourceTree.SourceFile file : tree.files()) {
                state.append(file.relative()).append(' ').append(file.size()).append(' ')
                        .append(file.modified().toMillis()).append('\n');
            }
        }
        others.forEach(entry -> state.append("classpath ").append(entry).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Settings fromSystemProperties(List<Path> classPath) {
        return new Settings(property("launcher.mainClass"), Path.of(property("launcher.module")),
                Path.of(property("launcher.root")), property("launcher.release"), Path.of(property("launcher.output")),
                classPath);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("the system property " + name + " is not set (the parent POM sets it for exec:java)");
        }
        return value;
    }

    /** The class path {@code exec:java} built: the URLs of its class loader; else the JVM's own. */
    static List<Path> classPathOf(ClassLoader loader) {
        List<Path> entries = new ArrayList<>();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("not a file on the class path: " + url, e);
                }
            }
            return entries;
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        return entries;
    }
}
