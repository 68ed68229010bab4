package dev.catalog.graphql.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompilerCpuTest {

    @Test
    void on_linux_it_finds_this_jvms_compiler_threads_and_their_cpu_time_only_grows() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        assertThat(CompilerCpu.available()).isTrue();
        long first = CompilerCpu.millis();
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        long second = CompilerCpu.millis();

        assertThat(first).as("the JIT compiled the test runner's code before this test").isPositive();
        assertThat(second).as("after %d", sum).isGreaterThanOrEqualTo(first);
    }
}
