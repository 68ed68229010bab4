// Apollo Client with apollo-upload-client's UploadHttpLink, as a web or Node client of the catalog would upload.
//
//   node uploads.mjs <graphql url> <product id> <file path> [priority]
//     Uploads the file with the uploadImage mutation (a GraphQL multipart request, with the
//     Apollo-Require-Preflight header) and prints the mutation's data as one JSON object:
//     {"uploadImage": {id, url, priority, productId, contentType, byteSize, width, height}}.
//     Exits non-zero, with the reason on standard error, on any error: an HTTP error, a GraphQL error, no data.
//
// In Node 20 the globals File, Blob, FormData and fetch (undici) are there, so the link's defaults work: its
// isExtractableFile finds a File (or Blob) in the variables, and its formDataAppendFile appends it with its name.
// The File should carry its name and type: undici's FormData sends a bare Blob as filename "blob", and a File
// without a type as Content-Type application/octet-stream, not as the image type the service checks the bytes against.
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { openAsBlob } from 'node:fs';
import { basename, extname } from 'node:path';

const [url, productArg, path, priorityArg] = process.argv.slice(2);
if (!url || !productArg || !path) {
  console.error('usage: node uploads.mjs <graphql url> <product id> <file path> [priority]');
  process.exit(2);
}

const TYPES = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp' };
const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

const UPLOAD = gql`
  mutation Upload($productId: Int!, $file: Upload!, $priority: Int) {
    uploadImage(productId: $productId, file: $file, priority: $priority) {
      id url priority productId contentType byteSize width height
    }
  }
`;

async function main() {
  // A File over a Blob backed by the file on disk: fetch streams it from there rather than from a copy in memory.
  const file = new File([await openAsBlob(path)], basename(path), { type });
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new UploadHttpLink({ uri: url, headers: { 'Apollo-Require-Preflight': 'true' } }),
  });
  try {
    const variables = { productId: Number(productArg), file };
    if (priorityArg !== undefined) variables.priority = Number(priorityArg);
    // errorPolicy 'none' (the default): a GraphQL error or an HTTP error rejects.
    const { data } = await client.mutate({ mutation: UPLOAD, variables });
    if (!data?.uploadImage) throw new Error('no uploadImage in the answer: ' + JSON.stringify(data));
    const { __typename, ...image } = data.uploadImage; // the cache's addition to the selection
    process.stdout.write(JSON.stringify({ uploadImage: image }) + '\n');
  } finally {
    client.stop();
  }
}

main().catch((error) => {
  console.error('upload failed:', error?.stack ?? error);
  if (error?.errors) console.error('errors:', JSON.stringify(error.errors));
  if (error?.result) console.error('result:', JSON.stringify(error.result));
  if (error?.bodyText) console.error('body:', error.bodyText);
  process.exitCode = 1;
});
