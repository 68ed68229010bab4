import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import ErrorList from './ErrorList.jsx';
import { price } from './format.js';
import { PRODUCTS } from './operations.js';
import ProductForm from './ProductForm.jsx';

const PAGE_SIZE = 10;

/** The form's fields as a ProductFilter: only those filled in. */
function filterOf(form) {
  const fields = Object.fromEntries(new FormData(form));
  const filter = {};
  if (fields.search.trim()) filter.search = fields.search.trim();
  if (fields.status) filter.status = fields.status;
  if (fields.minPrice !== '') filter.minPrice = Number(fields.minPrice);
  if (fields.maxPrice !== '') filter.maxPrice = Number(fields.maxPrice);
  return filter;
}

/** Products a page at a time, by the connection's cursors: `after` each page's end cursor. */
export default function ProductList() {
  const [filter, setFilter] = useState({});
  // The `after` cursor of every page on the way to this one: "Previous" goes back along them.
  const [cursors, setCursors] = useState([null]);
  const { data, previousData, error, loading } = useQuery(PRODUCTS, {
    variables: { first: PAGE_SIZE, after: cursors.at(-1), filter },
  });
  const page = (data ?? previousData)?.products;

  return (
    <section className="products">
      <ProductForm />
      <form
        className="filter"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(filterOf(event.currentTarget));
          setCursors([null]);
        }}
      >
        <input name="search" type="search" placeholder="Search names" />
        <select name="status" defaultValue="">
          <option value="">Any status</option>
          <option value="ACTIVE">Active</option>
          <option value="INACTIVE">Inactive</option>
        </select>
        <input name="minPrice" type="number" min="0" step="0.01" placeholder="Min price" />
        <input name="maxPrice" type="number" min="0" step="0.01" placeholder="Max price" />
        <button type="submit">Filter</button>
      </form>
      <ErrorList error={error} />
      <table data-testid="product-list" className={loading ? 'loading' : ''}>
        <thead>
          <tr>
            <th />
            <th>Name</th>
            <th>Price</th>
            <th>Status</th>
            <th>Version</th>
          </tr>
        </thead>
        <tbody>
          {page?.edges.map(({ node: product }) => (
            <tr key={product.id} data-product={product.id}>
              <td className="thumbnail">{product.images[0] && <img src={product.images[0].thumbnail} alt="" />}</td>
              <td>
                <a href={`#/products/${product.id}`}>{product.name}</a>
              </td>
              <td className="number">{price(product.price)}</td>
              <td>{product.status}</td>
              <td className="number">{product.version}</td>
            </tr>
          ))}
          {page?.edges.length === 0 && (
            <tr>
              <td colSpan="5" className="muted">
                No products{Object.keys(filter).length > 0 && ' match this filter'}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <nav className="pager">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <span>Page {cursors.length}</span>
        <button
          type="button"
          disabled={!page?.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, page.pageInfo.endCursor])}
        >
          Next
        </button>
      </nav>
    </section>
  );
}
