import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/** The SHA-256 of a document, in hex, with Web Crypto (present on https pages and on localhost). */
async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The socket's close code 4403: the token is invalid or has expired; trying again with it is useless. */
const FORBIDDEN = 4403;

/**
 * An Apollo Client for the catalog on this page's origin, acting with `token` (none: anonymous, or the local
 * client of a service in open mode). Subscriptions go over graphql-ws, everything else over HTTP: queries by
 * hash (automatic persisted queries), mutations as GraphQL multipart requests when they carry a file.
 * `onSocket` hears the socket's state: 'connecting', 'live', or 'closed: <reason>'.
 */
export function createCatalogClient(token, onSocket) {
  const authorization = token ? { Authorization: `Bearer ${token}` } : {};
  let disposed = false;
  const report = (state) => disposed || onSocket(state);

  const socket = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    // The service reads the token from connection_init's payload.
    connectionParams: authorization,
    shouldRetry: (closed) => closed?.code !== FORBIDDEN,
    on: {
      connecting: () => report('connecting'),
      connected: (_socket, _payload, wasRetry) => {
        report('live');
        // What changed while the socket was down was not pushed: the views read it again.
        if (wasRetry) client.refetchQueries({ include: 'active' });
      },
      closed: (event) => report(event?.reason ? `closed: ${event.reason} (${event.code})` : 'closed'),
    },
  });

  // The multipart spec's requests need this header (the service's guard against cross-site form posts); it is
  // harmless on the others.
  const http = new UploadHttpLink({
    uri: '/graphql',
    headers: { 'Apollo-Require-Preflight': 'true', ...authorization },
  });
  // Queries are sent by their hash alone; the service asks for the document once (PERSISTED_QUERY_NOT_FOUND) and
  // knows it from then on. POST, not GET: an answer the browser or a proxy may keep would hide a change seen live.
  // Web Crypto is missing on plain-http pages of another host than localhost: the documents are sent in full there.
  const queries = globalThis.crypto?.subtle ? createPersistedQueryLink({ sha256 }).concat(http) : http;

  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(socket),
    ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.QUERY, queries, http),
  );

  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return {
    client,
    dispose() {
      disposed = true;
      // Once the views have ended their subscriptions, which Apollo's useSubscription does in a timeout.
      setTimeout(() => {
        client.stop();
        // It waits for a connection under way, and fails with it: then there is nothing to close.
        socket.dispose().catch(() => {});
      });
    },
  };
}
