// graphql-ws clients of the catalog's subscriptions, with real writes through another instance.
//
//   node subscriptions.mjs check <ws url of instance B> <http url of instance A> <http url of instance B>
//     A client on B subscribes to every product; a product is created through A, updated ten times by two writers
//     at once, one through A and one through B (retrying when the other won a version), and deleted through A; the
//     client fails unless each version arrives once and in increasing order. Then a client reconnects with the last
//     version it saw after more updates. Prints one JSON object: { live: [changes], resumed: [changes] } (each
//     change: kind, id, version, name). The Java test asserts on it.
//
//   node subscriptions.mjs bench <ws url of instance B> <http url of instance A> [subscribers] [changes]
//     Latency: one subscriber on B, `changes` updates through A one after the other; for each, the time from
//     the mutation's answer (and from its request) to the change's arrival. Fan-out: `subscribers` clients on
//     B, each on its own connection, one change through A; the time until each received it. Prints figures.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [mode, wsUrl, httpUrl, ...rest] = process.argv.slice(2);
if (!['check', 'bench'].includes(mode) || !wsUrl || !httpUrl || (mode === 'check' && !rest[0])) {
  console.error('usage: node subscriptions.mjs check <ws url> <http url> <http url of the ws instance>\n'
    + '       node subscriptions.mjs bench <ws url> <http url> [subscribers] [changes]');
  process.exit(2);
}

const PRODUCT_CHANGED = `subscription($id: Int, $afterVersion: Int) {
  productChanged(id: $id, afterVersion: $afterVersion) { kind id version product { name } }
}`;

/** A GraphQL request's errors; `conflict` when another write took the version first. */
class GraphQlErrors extends Error {
  constructor(errors) {
    super(JSON.stringify(errors));
    this.conflict = errors.some((error) => error.extensions?.code === 'CONFLICT');
  }
}

async function graphql(query, variables, url = httpUrl) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new GraphQlErrors(body.errors);
  return body.data;
}
const create = async (name) => (await graphql(
  'mutation($i: ProductInput!) { createProduct(inp: $i) { id } }', { i: { name, price: 1 } })).createProduct.id;
const update = (id, name, url = httpUrl) => graphql(
  'mutation($id: Int!, $i: ProductInput!) { updateProduct(productId: $id, input: $i) { version } }',
  { id, i: { name, price: 2 } }, url);
const remove = (id) => graphql('mutation($id: Int!) { deleteProduct(productId: $id) }', { id });

function client() {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
}

/** Subscribes; resolves once the server acknowledged the connection; calls onChange with each change. */
async function subscribe(ws, variables, onChange) {
  const connected = new Promise((resolve) => ws.on('connected', resolve));
  const failed = new Promise((_, reject) => ws.subscribe({ query: PRODUCT_CHANGED, variables }, {
    next: (value) => onChange(value.data.productChanged, value),
    error: (error) => reject(new Error('subscription failed: ' + JSON.stringify(error))),
    complete: () => {},
  }));
  failed.catch((error) => { console.error(error.message); process.exit(1); });
  await connected;
  // The server starts the subscription once it handled the subscribe message; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

function waitFor(predicate, what, ms = 10000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > ms) return reject(new Error('timed out waiting for ' + what));
      setTimeout(poll, 5);
    };
    poll();
  });
}

const summary = (change) => ({ kind: change.kind, id: change.id, version: change.version, name: change.product?.name ?? null });

/** `count` updates of product `id` through `url`, each retried while a concurrent one took its version. */
async function updates(url, id, name, count) {
  for (let i = 0; i < count;) {
    try {
      await update(id, `${name} ${i}`, url);
      i++;
    } catch (error) {
      if (!error.conflict) throw error;
    }
  }
}

async function check() {
  const [httpUrlB] = rest;
  const stamp = Date.now();
  const live = [];
  const lastVersion = new Map();
  const ws = client();
  await subscribe(ws, {}, (change) => {
    const before = lastVersion.get(change.id) ?? 0;
    if (change.version <= before) {
      console.error(`product ${change.id}: version ${change.version} arrived after version ${before}`);
      process.exit(1);
    }
    lastVersion.set(change.id, change.version);
    live.push(summary(change));
  });
  // A subscription without a resume point starts when the server handled it: a first product proves it has.
  const probe = await create(`graphql-ws probe ${stamp}`);
  await waitFor(() => live.some((c) => c.id === probe), 'the probe product');
  const id = await create(`graphql-ws ${stamp}`);
  await Promise.all([
    updates(httpUrl, id, `graphql-ws ${stamp} through A`, 5),
    updates(httpUrlB, id, `graphql-ws ${stamp} through B`, 5),
  ]);
  await remove(id);
  await waitFor(() => live.filter((c) => c.id === id).length >= 12, 'the twelve changes');
  await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive meanwhile
  await ws.dispose();

  // Reconnect-and-resume: seen up to version 2, three more changes while away.
  const other = await create(`graphql-ws resumed ${stamp}`);
  await update(other, `graphql-ws resumed ${stamp} v2`);
  await update(other, `graphql-ws resumed ${stamp} v3`);
  await update(other, `graphql-ws resumed ${stamp} v4`);
  const resumed = [];
  const again = client();
  await subscribe(again, { id: other, afterVersion: 2 }, (change) => resumed.push(summary(change)));
  await waitFor(() => resumed.length >= 2, 'the missed changes');
  await update(other, `graphql-ws resumed ${stamp} v5`);
  await waitFor(() => resumed.length >= 3, 'the live change after the resume');
  await new Promise((resolve) => setTimeout(resolve, 300));
  await again.dispose();
  console.log(JSON.stringify({ live: live.filter((c) => c.id === id), resumed }));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const describe = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (n=${sorted.length})`;
};

async function bench() {
  const [subscribersArg, changesArg] = rest;
  const subscribers = Number(subscribersArg ?? 1000);
  const changes = Number(changesArg ?? 200);
  const id = await create(`bench ${Date.now()}`);

  // Latency through the other instance, one change at a time.
  const arrivals = new Map();
  const ws = client();
  // From version 1 on: no change is missed while the subscription starts.
  await subscribe(ws, { id, afterVersion: 1 }, (change) => arrivals.set(change.version, performance.now()));
  const fromAnswer = [];
  const fromRequest = [];
  let version = 1;
  for (let i = 0; i < changes; i++) {
    const sent = performance.now();
    const { updateProduct } = await update(id, `bench ${id} ${i}`);
    const answered = performance.now();
    await waitFor(() => arrivals.has(updateProduct.version), `version ${updateProduct.version}`);
    fromAnswer.push(arrivals.get(updateProduct.version) - answered);
    fromRequest.push(arrivals.get(updateProduct.version) - sent);
    version = updateProduct.version;
  }
  await ws.dispose();
  console.log(`latency, written through A, received on B, ${changes} changes one after the other:`);
  console.log(`  from the mutation's answer:  ${describe(fromAnswer)}`);
  console.log(`  from the mutation's request: ${describe(fromRequest)}`);

  // Fan-out: every subscriber on its own connection.
  const clients = [];
  const received = new Array(subscribers).fill(null);
  let target = 0;
  for (let i = 0; i < subscribers; i++) {
    const c = client();
    clients.push(c);
    const index = i;
    c.subscribe({ query: PRODUCT_CHANGED, variables: { id, afterVersion: version } }, {
      next: (value) => { if (value.data.productChanged.version === target) received[index] = performance.now(); },
      error: (error) => { console.error('subscriber', index, 'failed:', JSON.stringify(error)); process.exit(1); },
      complete: () => {},
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 3000)); // every handshake and subscribe handled
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    received.fill(null);
    const sent = performance.now();
    target = ++version; // known before the answer: a change may arrive before it
    const { updateProduct } = await update(id, `fan-out ${id} ${round}`);
    if (updateProduct.version !== target) throw new Error(`expected version ${target}, got ${updateProduct.version}`);
    const answered = performance.now();
    await waitFor(() => received.every((t) => t !== null), `all ${subscribers} subscribers`, 30000);
    console.log(`fan-out round ${round + 1}: ${subscribers} subscribers on B, one change through A, from its answer: `
      + describe(received.map((t) => t - answered)) + `; all received ${(Math.max(...received) - sent).toFixed(1)} ms after the request`);
  }
  await Promise.all(clients.map((c) => c.dispose()));
}

try {
  await (mode === 'check' ? check() : bench());
  process.exit(0);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
