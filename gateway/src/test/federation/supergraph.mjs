// The federation side of the gateway module's tests: Apollo's own composition and gateway in front of the
// catalog's two subgraphs, plus a third subgraph that extends Product (reviews), as another team would write it.
//
//   node supergraph.mjs compose <products-url> <images-url>
//       prints {"errors": [...], "hints": [...], "supergraphSdl": "..."} for the two subgraphs' SDL
//       (read from their `_service { sdl }`), composed by @apollo/composition.
//   node supergraph.mjs serve <products-url> <images-url>
//       starts the reviews subgraph and an Apollo Gateway (IntrospectAndCompose over products, images and
//       reviews) on free ports of 127.0.0.1, prints READY {"gateway": url, "reviews": url} once both answer, and runs
//       until its standard input closes. The gateway forwards the client's Authorization header.
import { composeServices } from '@apollo/composition';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const [command, productsUrl, imagesUrl] = process.argv.slice(2);
if (!['compose', 'serve'].includes(command) || !productsUrl || !imagesUrl) {
  console.error('usage: node supergraph.mjs compose|serve <products-url> <images-url>');
  process.exit(2);
}

async function sdlOf(url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await response.json();
  if (!body.data?._service?.sdl) {
    throw new Error(`${url} answered ${response.status} without an SDL: ${JSON.stringify(body)}`);
  }
  return body.data._service.sdl;
}

const plugins = () => [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()];
// Standard output carries only the READY line; everything Apollo logs goes to standard error.
const logger = { debug() {}, info: (m) => console.error(m), warn: (m) => console.error(m), error: (m) => console.error(m) };

// Reviews keyed by product id: a product's reviews are computed from its id, so a test knows what to expect.
const reviewsSchema = buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Product @key(fields: "id") {
      id: Int!
      reviews: [Review!]!
    }

    type Review {
      id: ID!
      rating: Int!
      comment: String!
    }

    type Query {
      reviewCount: Int!
    }
  `),
  resolvers: {
    Product: {
      __resolveReference: (reference) => ({ id: reference.id }),
      reviews: (product) => [1, 2].map((n) => ({
        id: `${product.id}-${n}`,
        rating: ((product.id + n) % 5) + 1,
        comment: `Review ${n} of product ${product.id}`,
      })),
    },
    Query: { reviewCount: () => 0 },
  },
});

if (command === 'compose') {
  const services = [
    { name: 'products', url: productsUrl, typeDefs: parse(await sdlOf(productsUrl)) },
    { name: 'images', url: imagesUrl, typeDefs: parse(await sdlOf(imagesUrl)) },
  ];
  const result = composeServices(services);
  console.log(JSON.stringify({
    errors: (result.errors ?? []).map((error) => ({ code: error.extensions?.code, message: error.message })),
    hints: (result.hints ?? []).map((hint) => ({ code: hint.definition.code, message: hint.message })),
    supergraphSdl: result.supergraphSdl ?? null,
  }));
} else {
  const reviews = new ApolloServer({ schema: reviewsSchema, plugins: plugins(), logger });
  const { url: reviewsUrl } = await startStandaloneServer(reviews, { listen: { host: '127.0.0.1', port: 0 } });

  const gateway = new ApolloGateway({
    logger,
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'products', url: productsUrl },
        { name: 'images', url: imagesUrl },
        { name: 'reviews', url: reviewsUrl },
      ],
    }),
    buildService: ({ url }) => new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request, context }) {
        if (context.authorization) {
          request.http.headers.set('authorization', context.authorization);
        }
      },
    }),
  });
  const server = new ApolloServer({ gateway, plugins: plugins(), logger });
  const { url: gatewayUrl } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log('READY ' + JSON.stringify({ gateway: gatewayUrl, reviews: reviewsUrl }));

  const stop = async () => {
    await server.stop();
    await reviews.stop();
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
