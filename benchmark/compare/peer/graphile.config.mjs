// PostGraphile 5 configuration for the benchmark peer: the Amber preset over the public schema of
// $DATABASE_URL, tuned for production (no GraphiQL, no explain, no watch mode, no websockets).
// Used by server.mjs; the environment variables are set by ../compare.sh.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

const env = process.env;

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: env.DATABASE_URL ?? "postgres://peer_bench:peer_bench@127.0.0.1:5432/peer_bench",
      schemas: ["public"],
      // node-postgres pool size (its default is 10): connections PostGraphile keeps open to PostgreSQL.
      poolConfig: { max: Number(env.PEER_PG_POOL_MAX ?? 10) },
    }),
  ],
  grafserv: {
    host: "127.0.0.1", // loopback only
    port: Number(env.PEER_PORT ?? 5678),
    graphqlPath: "/graphql",
    graphiql: false, // no GraphiQL (Ruru) page or static assets
    graphiqlOnGraphQLGET: false,
    graphqlOverGET: false,
    watch: false, // no schema watching (no LISTEN, no watch fixtures)
    websockets: false, // no subscriptions transport
  },
  grafast: {
    explain: false, // no plan/SQL in extensions.explain
  },
};

export default preset;
