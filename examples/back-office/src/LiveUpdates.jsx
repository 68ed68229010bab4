import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import ErrorList from './ErrorList.jsx';
import { IMAGE_CHANGED, IMAGE_PRODUCT, PRODUCT_CHANGED } from './operations.js';

// What a change makes stale in the cache. A field evicted from it is read again by every view showing it.

/** The product lists: a product was created or deleted. */
export function forgetLists(cache) {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'products' });
}

/** A product's history: it changed. */
export function forgetHistory(cache) {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'productHistory' });
}

/** A product's images: one was added, changed, moved or deleted. */
export function forgetImages(cache, productId) {
  cache.evict({ id: cache.identify({ __typename: 'Product', id: productId }), fieldName: 'images' });
}

let changes = 0;

/**
 * Follows every product's and image's changes over the socket and brings the cache up to date, so that every view
 * shows what other tabs and clients do, without a reload. Lists the latest changes.
 */
export default function LiveUpdates() {
  const { cache } = useApolloClient();
  const [recent, setRecent] = useState([]);
  const note = (line) => setRecent((lines) => [{ key: ++changes, line }, ...lines].slice(0, 8));

  const products = useSubscription(PRODUCT_CHANGED, {
    onData({ data: { data } }) {
      const { kind, id, version } = data.productChanged;
      // An update's new state is already merged into the cached product (by its id).
      if (kind === 'DELETED') cache.evict({ id: cache.identify({ __typename: 'Product', id }) });
      if (kind !== 'UPDATED') forgetLists(cache);
      forgetHistory(cache);
      cache.gc();
      note(`product ${id} ${kind.toLowerCase()}, version ${version}`);
    },
  });

  const images = useSubscription(IMAGE_CHANGED, {
    onData({ data: { data } }) {
      const { kind, id, productId, version } = data.imageChanged;
      // The product it was on, if this tab has it: the image may have moved from there.
      const image = cache.readFragment({ id: cache.identify({ __typename: 'Image', id }), fragment: IMAGE_PRODUCT });
      forgetImages(cache, productId);
      if (image && image.productId !== productId) forgetImages(cache, image.productId);
      cache.gc();
      note(`image ${id} of product ${productId} ${kind.toLowerCase()}, version ${version}`);
    },
  });

  return (
    <aside className="live" data-testid="recent-changes">
      <h2>Live changes</h2>
      <ErrorList error={products.error ?? images.error} />
      {recent.length === 0 && <p className="muted">Changes made anywhere appear here as they are committed.</p>}
      <ul>
        {recent.map(({ key, line }) => (
          <li key={key}>{line}</li>
        ))}
      </ul>
    </aside>
  );
}
