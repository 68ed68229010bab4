package dev.catalog.admin;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.databind.JsonNode;

/**
 * {@code catalog-admin}: every command talks to one running instance ({@code --url}) with an administrator's
 * token ({@code --token}, scope {@code catalog:admin}; none is needed against a service in open mode on this
 * machine). Exit status: 0 done, 1 {@code projections verify} found differences, 2 a usage error, 3 the service
 * could not be reached or refused the command (the reason on one line of standard error).
 */
@Command(name = "catalog-admin", mixinStandardHelpOptions = true, version = "catalog-admin 0.1.0",
        description = "Operates a running catalog service: its event processors, their replays and dead letters.",
        subcommands = {ProjectionsCommand.class, EventsCommand.class, DeadLettersCommand.class, PersistedCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:projections verify found rows that differ", "2:the command line is wrong",
                "3:the service could not be reached or refused"})
public final class CatalogAdmin implements Callable<Integer> {

    static final int REFUSED = 3;

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "${env:CATALOG_ADMIN_URL:-http://localhost:8080}",
            description = "The service (default: CATALOG_ADMIN_URL, else ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, defaultValue = "${env:CATALOG_ADMIN_TOKEN}",
            description = "A bearer token with scope catalog:admin (default: CATALOG_ADMIN_TOKEN).")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    AdminClient client() {
        return new AdminClient(url, token);
    }

    /** Prints the service's answer as JSON with {@code --json}, else as {@code human} writes it for a person. */
    void print(CommandSpec spec, JsonNode answer, Consumer<PrintWriter> human) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(AdminClient.JSON.writeValueAsString(answer));
        } else {
            human.accept(out);
        }
        out.flush();
    }

    /** GraphQL variables with one entry, which may be null (an optional argument left out). */
    static Map<String, Object> variable(String name, Object value) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(name, value);
        return variables;
    }

    /** The command line with this CLI's error handling: a refused command prints one line and exits 3. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new CatalogAdmin());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof AdminException refused) {
                line.getErr().println("catalog-admin: " + refused.getMessage());
                line.getErr().flush();
                return REFUSED;
            }
            throw exception;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        int status = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
        System.exit(status);
    }
}
