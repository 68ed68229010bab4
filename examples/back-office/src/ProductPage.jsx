import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import ErrorList from './ErrorList.jsx';
import { price, size } from './format.js';
import History from './History.jsx';
import ImageDrop from './ImageDrop.jsx';
import { PRODUCT } from './operations.js';
import ProductForm from './ProductForm.jsx';

/** One product: its images (drop files to add some), its edit form and its history. */
export default function ProductPage({ id }) {
  const { data, error } = useQuery(PRODUCT, { variables: { id } });
  const [editing, setEditing] = useState(false);
  const product = data?.product;

  if (error) return <ErrorList error={error} />;
  if (!data) return <p className="muted">Loading…</p>;
  if (!product) return <p data-testid="missing">Product {id} does not exist (or no longer).</p>;
  return (
    <section className="product" data-testid="product-page">
      <a href="#/">← Products</a>
      <h2 data-testid="product-name">{product.name}</h2>
      <p>
        {price(product.price)} · {product.status} · version <span data-testid="version">{product.version}</span> ·
        updated {new Date(product.updatedAt).toLocaleString()}
      </p>
      {editing ? (
        <ProductForm product={product} onDone={() => setEditing(false)} />
      ) : (
        <button type="button" onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
      <h3>Images</h3>
      <ul className="images" data-testid="images">
        {product.images.map((image) => (
          <li key={image.id} data-image={image.id}>
            <a href={image.url} target="_blank" rel="noreferrer">
              <img src={image.preview} alt="" />
            </a>
            <span>
              {image.contentType ?? 'by URL'}
              {image.width && ` · ${image.width}×${image.height} · ${size(image.byteSize)}`}
              {` · priority ${image.priority}`}
            </span>
          </li>
        ))}
      </ul>
      <ImageDrop productId={product.id} />
      <History id={product.id} />
    </section>
  );
}
