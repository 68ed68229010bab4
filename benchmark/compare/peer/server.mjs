// Serves the PostGraphile 5 benchmark peer on http://127.0.0.1:$PEER_PORT/graphql (node:http + grafserv).
// Run with Node >= 22 and GRAPHILE_ENV=production NODE_ENV=production (../compare.sh does both).
//
// PEER_WORKERS (default 1): number of Node processes. One process runs JavaScript on one core; with N > 1
// this process forks N workers (node:cluster) that share the listening socket, each with its own
// PostGraphile instance and its own pool of PEER_PG_POOL_MAX PostgreSQL connections.
//
// Stops cleanly on SIGTERM/SIGINT (closes the HTTP server and the PostgreSQL pool; the primary stops its
// workers first).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import preset from "./graphile.config.mjs";

const workers = Number(process.env.PEER_WORKERS ?? 1);
const { host, port } = preset.grafserv;

if (workers > 1 && cluster.isPrimary) {
  await runPrimary();
} else {
  await runServer();
}

async function runServer() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 65_000; // wrk keeps connections open; don't let node drop idle ones mid-run

  // Build the schema before listening, so that "listening" means "ready to answer".
  await pgl.getSchemaResult();
  await serv.addTo(server);
  server.listen(port, host, () => {
    console.log(`peer: PostGraphile listening on http://${host}:${port}/graphql (pid ${process.pid})`);
  });

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`peer: ${signal}: shutting down (pid ${process.pid})`);
    server.closeAllConnections();
    server.close();
    await pgl.release(); // ends the pg pool
    process.exit(0);
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

async function runPrimary() {
  console.log(`peer: primary ${process.pid} forking ${workers} workers`);
  let stopping = false;
  let exited = 0;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    exited++;
    if (!stopping) {
      console.error(`peer: worker ${worker.process.pid} died (${signal ?? code}); stopping`);
      shutdown("worker exit");
    }
    if (exited === workers) process.exit(stopping ? 0 : 1);
  });
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`peer: ${signal}: stopping workers`);
    for (const worker of Object.values(cluster.workers)) worker.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
