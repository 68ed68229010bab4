import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { createCatalogClient } from './apollo.js';
import LiveUpdates from './LiveUpdates.jsx';
import ProductList from './ProductList.jsx';
import ProductPage from './ProductPage.jsx';
import SignIn from './SignIn.jsx';

const TOKEN = 'catalog-token';

/** The product the address names (`#/products/7`), or null for the list. */
function productInHash() {
  const match = /^#\/products\/(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

export default function App() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN));
  const [socket, setSocket] = useState('connecting');
  const [catalog, setCatalog] = useState(null);
  const [productId, setProductId] = useState(productInHash);

  // One client per token: signing in or out reconnects the socket with the new connection_init payload.
  useEffect(() => {
    setSocket('connecting');
    const created = createCatalogClient(token, setSocket);
    setCatalog({ token, ...created });
    return () => created.dispose();
  }, [token]);

  useEffect(() => {
    const follow = () => setProductId(productInHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  function signIn(newToken) {
    if (newToken) sessionStorage.setItem(TOKEN, newToken);
    else sessionStorage.removeItem(TOKEN);
    setToken(newToken);
  }

  // Until the new token's client is made, nothing: the views let go of the former client before it is closed.
  if (catalog?.token !== token) return null;
  return (
    <ApolloProvider client={catalog.client}>
      <header>
        <h1>
          <a href="#/">Catalog back office</a>
        </h1>
        <span className={`socket ${socket === 'live' ? 'live' : ''}`} data-testid="socket">
          {socket}
        </span>
        <SignIn token={token} onChange={signIn} />
      </header>
      <main>
        {productId === null ? <ProductList /> : <ProductPage key={productId} id={productId} />}
        <LiveUpdates />
      </main>
    </ApolloProvider>
  );
}
