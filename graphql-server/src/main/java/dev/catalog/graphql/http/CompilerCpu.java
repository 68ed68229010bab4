package dev.catalog.graphql.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time the JIT's compiler threads (C1 and C2) of this JVM have used, read from Linux's
 * {@code /proc/self/task/}.
 *
 * <p>Why not the JVM's {@code CompilationMXBean}: it adds a compilation's time only when it finishes. A long C2
 * compilation looks like a quiet compiler until its end, and with the ahead-of-time cache's profiles the first
 * compilations after start-up are long ones. The threads' CPU time moves while they work.
 */
final class CompilerCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread times in clock ticks of 10 ms (USER_HZ is 100 on every architecture the JDK runs on). */
    private static final long MILLIS_PER_TICK = 10;

    private CompilerCpu() {
    }

    /** Whether this system reports its threads' CPU time where {@link #millis()} reads it. */
    static boolean available() {
        return Files.isDirectory(TASKS) && hasCompilerThreads();
    }

    /** The compiler threads' user and system CPU time so far, in milliseconds. */
    static long millis() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(CompilerCpu::compilerTicks).sum() * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS, e);
        }
    }

    private static boolean hasCompilerThreads() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.anyMatch(task -> compilerStat(task) != null);
        } catch (IOException e) {
            return false;
        }
    }

    /** A compiler thread's utime + stime in ticks; 0 for another thread or one that has just ended. */
    private static long compilerTicks(Path task) {
        String stat = compilerStat(task);
        if (stat == null) {
            return 0;
        }
        // After the name in parentheses: state (field 3), ..., utime (field 14), stime (field 15).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The task's {@code stat} line when it is a compiler thread ("C1 CompilerThre", "C2 CompilerThre"), else null. */
    private static String compilerStat(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int name = stat.indexOf('(') + 1;
            return stat.startsWith("C1 CompilerThre", name) || stat.startsWith("C2 CompilerThre", name) ? stat : null;
        } catch (IOException e) {
            return null;
        }
    }
}
