// Runs the graphql-http GraphQL-over-HTTP audit suite against a running server and prints every result.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql
// Exit code: 0 when every MUST passed (SHOULD/MAY misses are only reported), 1 when a MUST failed,
// 2 on a usage error or when the audit itself could not run (server unreachable).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

// graphql-http statuses: ok; error = a MUST failed; warn = a SHOULD failed; notice = a MAY not taken.
const label = { ok: 'ok', error: 'FAIL', warn: 'warn', notice: 'notice' };

let results;
try {
  results = await auditServer({ url });
} catch (error) {
  // auditServer throws only on fatal problems, e.g. nothing listens at the URL.
  console.error(`audit could not run against ${url}: ${error?.cause?.message ?? error?.message ?? error}`);
  process.exit(2);
}

const counts = { ok: 0, error: 0, warn: 0, notice: 0 };
for (const result of results) {
  counts[result.status] += 1;
  let line = `${label[result.status].padEnd(6)} ${result.id} ${result.name}`;
  if (result.status !== 'ok') {
    line += `\n         -> ${result.reason}`;
    if (result.status === 'error') {
      // The response body is what makes a failed MUST debuggable in a CI log.
      line += `\n         -> HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''}`;
      line += ` ${await result.response.text().catch(() => '(body already read)')}`;
    }
  }
  console.log(line);
}

console.log(`${counts.ok} passed, ${counts.error} failed, ${counts.warn} warnings, ${counts.notice} notices`);
process.exit(counts.error > 0 ? 1 : 0);
