package dev.catalog.graphql.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of a graceful stop behind a load balancer ({@code catalog.shutdown.drain}, 0 by default). Readiness is
 * already down (Spring marks it so when the stop begins). The drain closes the listening socket, so that a new
 * connection is refused, and for its length goes on serving the connections already open, answering with
 * {@code Connection: close}; only then does the web server's graceful shutdown stop them and finish the requests in
 * flight.
 *
 * <p>Why: a POST (every GraphQL mutation) that Nginx has sent is never sent again to another instance, and Tomcat's own
 * graceful shutdown fails exactly those: a connection still in the listening socket's backlog when it closes is reset
 * after Nginx sent its request on it, and a request on a kept-alive connection of a paused server gets a 503. A refused
 * connection, on the contrary, Nginx retries on another instance. With the drain longer than the balancer's keep-alive
 * timeout for idle upstream connections (4 s in deploy/nginx), no connection is left when the server pauses.
 */
public final class ShutdownDrain extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private final ApplicationContext context;
    private volatile boolean running;
    private volatile boolean draining;

    public ShutdownDrain(Duration drain, ApplicationContext context) {
        if (drain.isNegative()) {
            throw new IllegalArgumentException("catalog.shutdown.drain must not be negative, got " + drain);
        }
        this.drain = drain;
        this.context = context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader("Connection", "close");
        }
        chain.doFilter(request, response);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Blocks the stop for the drain, before the web server's graceful shutdown (a later phase to stop). */
    @Override
    public void stop() {
        running = false;
        if (drain.isZero()) {
            return;
        }
        draining = true;
        refuseNewConnections();
        log.info("Draining for {} before the web server stops: new connections are refused, and every answer closes "
                + "its connection", drain);
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes Tomcat's listening sockets without pausing it: open connections are served on, new ones refused. */
    private void refuseNewConnections() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat) {
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                connector.getProtocolHandler().closeServerSocketGraceful();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }
}
