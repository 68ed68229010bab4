package dev.catalog.gateway.admin;

import dev.catalog.admin.CatalogAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One run of {@code bin/catalog-admin} in this JVM, as from a shell: its exit status and what it printed. */
record AdminRun(int status, String out, String err) {

    /** The command line as typed. */
    static AdminRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CatalogAdmin.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new AdminRun(status, out.toString(), err.toString());
    }

    /** The command line against the service on this machine's {@code port}. */
    static AdminRun against(int port, String... args) {
        List<String> line = new ArrayList<>(List.of("--url", "http://localhost:" + port));
        line.addAll(List.of(args));
        return of(line.toArray(String[]::new));
    }
}
