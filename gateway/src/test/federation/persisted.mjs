// Apollo Client with Apollo's persisted-query link, as a web or Node client of the catalog would send automatic
// persisted queries (APQ): the hash alone over GET first, the document with its hash only when the service does
// not know the hash yet.
//
//   node persisted.mjs <graphql url of instance A> <graphql url of instance B> <product id>
//     a. against A: runs the ProductById query (the hash is new: not found, then the document is sent and
//        registered), then runs it again (the hash alone, over GET);
//     b. against B, with a fresh client: runs it once (the hash alone, over GET: registered through A, found
//        through B).
//     Prints one JSON object: {"a": {"first": data, "second": data}, "b": data, "requests": [...]}, where each request
//     is {client, run, method, url, status, ms, query (the document sent, or null), persistedQuery (the extension
//     sent), errors (the codes, else messages, answered), accept, etag, cacheControl}, in the order sent.
//     Exits non-zero, with the reason on standard error, on any error: an HTTP error, a GraphQL error, no data.
//
// The link hashes the document as HttpLink prints it (with the __typename the cache adds), with Node's SHA-256.
// Every query is network-only, so each run goes to the service; Node's fetch keeps no HTTP cache, so a GET is never
// answered from one.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createHash } from 'node:crypto';

const [urlA, urlB, productArg] = process.argv.slice(2);
if (!urlA || !urlB || !productArg) {
  console.error('usage: node persisted.mjs <graphql url A> <graphql url B> <product id>');
  process.exit(2);
}

const PRODUCT = gql`
  query ProductById($id: Int!) {
    product(id: $id) {
      id
      name
    }
  }
`;

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const requests = [];
let current = { client: null, run: null };

/** Node's fetch, recording every request the links send and what came back. */
function loggingFetch(client) {
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    let sent = {};
    if (method === 'GET') {
      const params = new URL(url).searchParams;
      sent = { query: params.get('query'), extensions: params.get('extensions') && JSON.parse(params.get('extensions')) };
    } else if (typeof init.body === 'string') {
      sent = JSON.parse(init.body);
    }
    const started = performance.now();
    const response = await fetch(input, init);
    const text = await response.clone().text();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    let errors = [];
    try {
      errors = (JSON.parse(text).errors ?? []).map((error) => error.extensions?.code ?? error.message);
    } catch {
      errors = ['not JSON: ' + text.slice(0, 200)];
    }
    const entry = {
      client, run: current.run, method, url, status: response.status, ms,
      query: typeof sent.query === 'string' && sent.query.length > 0 ? sent.query : null,
      persistedQuery: sent.extensions?.persistedQuery ?? null,
      errors,
      accept: new Headers(init.headers).get('accept'),
      etag: response.headers.get('etag'),
      cacheControl: response.headers.get('cache-control'),
    };
    requests.push(entry);
    console.error(JSON.stringify(entry));
    return response;
  };
}

function client(name, uri) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true })
      .concat(new HttpLink({ uri, fetch: loggingFetch(name) })),
  });
}

/** Runs the query once, network-only; answers its product without the cache's __typename. */
async function run(apollo, name) {
  current.run = name;
  const started = performance.now();
  // errorPolicy 'none' (the default): a GraphQL error or an HTTP error rejects.
  const { data } = await apollo.query({ query: PRODUCT, variables: { id: Number(productArg) }, fetchPolicy: 'network-only' });
  console.error(`${name}: ${Math.round(performance.now() - started)} ms`);
  if (!data?.product) throw new Error('no product in the answer: ' + JSON.stringify(data));
  const { __typename, ...product } = data.product;
  return { product };
}

async function main() {
  const a = client('A', urlA);
  const b = client('B', urlB);
  try {
    const first = await run(a, 'A1');
    const second = await run(a, 'A2');
    const fromB = await run(b, 'B1');
    process.stdout.write(JSON.stringify({ a: { first, second }, b: fromB, requests }) + '\n');
  } finally {
    a.stop();
    b.stop();
  }
}

main().catch((error) => {
  console.error('persisted query failed:', error?.stack ?? error);
  if (error?.errors) console.error('errors:', JSON.stringify(error.errors));
  if (error?.result) console.error('result:', JSON.stringify(error.result));
  if (error?.bodyText) console.error('body:', error.bodyText);
  console.error('requests:', JSON.stringify(requests));
  process.exitCode = 1;
});
