package dev.catalog.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of the benchmark that need no server: arguments, answer checks, the report. No timings asserted. */
class BenchmarkToolTest {

    @Test
    void durationsReadAsWrittenOnTheCommandLine() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void theDocumentedCommandLineParses() {
        CatalogBenchmark benchmark = new CatalogBenchmark();
        new CommandLine(benchmark).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(
                "--url", "http://localhost:9090/graphql", "--products", "200", "--images-per-product", "3",
                "--duration", "30s", "--warmup", "10s", "--concurrency", "32", "--mix", "writes");
        assertThat(benchmark.url).isEqualTo(URI.create("http://localhost:9090/graphql"));
        assertThat(benchmark.products).isEqualTo(200);
        assertThat(benchmark.imagesPerProduct).isEqualTo(3);
        assertThat(benchmark.duration).isEqualTo(Duration.ofSeconds(30));
        assertThat(benchmark.warmup).isEqualTo(Duration.ofSeconds(10));
        assertThat(benchmark.concurrency).isEqualTo(32);
        assertThat(benchmark.mix).isEqualTo(Mix.WRITES);
        assertThat(benchmark.rate).isNull();
    }

    @Test
    void invalidArgumentsExitWithTwo() {
        assertThat(CatalogBenchmark.commandLine().execute("--mix", "sometimes")).isEqualTo(2);
        assertThat(CatalogBenchmark.commandLine().execute("--concurrency", "0")).isEqualTo(2);
        assertThat(CatalogBenchmark.commandLine().execute("--run-id", "Has-Dash")).isEqualTo(2);
        assertThat(CatalogBenchmark.commandLine().execute("--inactive-every", "10")).isEqualTo(2);
    }

    @Test
    void anAnswerWithErrorsOrAnotherStatusIsAFailure() throws Exception {
        try (GraphQlClient client = new GraphQlClient(URI.create("http://localhost:1/graphql"), Duration.ofSeconds(1), null)) {
            assertThat(client.check(200, "{\"data\":{\"product\":{\"id\":1}}}").data().path("product").path("id").asInt())
                    .isEqualTo(1);
            assertThatThrownBy(() -> client.check(200,
                    "{\"data\":null,\"errors\":[{\"message\":\"Product name is taken\",\"extensions\":{\"code\":\"CONFLICT\"}}]}"))
                    .isInstanceOf(GraphQlClient.Failure.class)
                    .hasMessage("HTTP 200, CONFLICT: Product name is taken");
            assertThatThrownBy(() -> client.check(429, "{\"message\":\"slow down\"}"))
                    .hasMessageStartingWith("HTTP 429");
            assertThatThrownBy(() -> client.check(401, "")).hasMessageStartingWith("HTTP 401");
            assertThatThrownBy(() -> client.check(200, "<html>")).hasMessageContaining("not JSON");
            assertThatThrownBy(() -> client.check(200, "{}")).hasMessageContaining("without data");
        }
    }

    @Test
    void theTablePrintsPercentilesInMillisecondsWithMicrosecondPrecision() {
        Map<Operation, OperationStats> stats = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            stats.put(operation, new OperationStats());
        }
        for (int i = 1; i <= 1000; i++) {
            stats.get(Operation.PRODUCT).success(i * 1_000_000L); // 1 ms .. 1000 ms
        }
        stats.get(Operation.PRODUCT).failure("HTTP 500: boom");
        stats.get(Operation.UPDATE_PRODUCT).success(2_345_000L);

        List<Report.Row> rows = Report.rows(stats);
        assertThat(rows).extracting(Report.Row::label)
                .containsExactly("product(id)", "updateProduct", "all reads", "all writes", "all requests");
        Report.Row product = rows.getFirst();
        assertThat(product.count()).isEqualTo(1001);
        assertThat(product.errors()).isEqualTo(1);
        assertThat(rows.getLast().count()).isEqualTo(1002);

        String line = Report.line(product, Duration.ofSeconds(10));
        // count, errors, ops/s, then p50 p90 p99 p99.9 max; HdrHistogram keeps 3 significant digits.
        assertThat(line.split("\\s{2,}")).containsExactly(
                "product(id)", "1001", "1", "100.1", "500.223", "900.095", "990.207", "999.423", "1000.447");
        assertThat(Report.table(rows, Duration.ofSeconds(10))).startsWith(Report.HEADER).contains("\n----");
        assertThat(Report.millis(1)).isEqualTo("0.001");
        assertThat(stats.get(Operation.PRODUCT).errorMessages()).containsEntry("HTTP 500: boom", 1L);
    }

    @Test
    void seededNamesAreUniqueAndFoundByTheirGroupSearch() {
        assertThat(Workload.productName("rabc123", 7, 42)).isEqualTo("Bench rabc123 g00007 n000042");
        assertThat(Workload.searchFor("rabc123", 7)).isEqualTo("rabc123 g00007");
        assertThat(CatalogBenchmark.randomRunId()).matches("r[a-z0-9]{6}");
    }

    @Test
    void reportsAnEmptyRowWithoutPercentiles() {
        Report.Row empty = new Report.Row("nothing", 0, 3, new Histogram(OperationStats.HIGHEST_TRACKABLE_MICROS, 3));
        assertThat(Report.line(empty, Duration.ofSeconds(1))).contains(" - ").contains("3");
    }
}
