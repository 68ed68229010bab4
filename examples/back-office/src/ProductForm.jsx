import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import ErrorList from './ErrorList.jsx';
import { forgetHistory, forgetLists } from './LiveUpdates.jsx';
import { CREATE_PRODUCT, UPDATE_PRODUCT } from './operations.js';

function inputOf(form) {
  const fields = Object.fromEntries(new FormData(form));
  return { name: fields.name, price: Number(fields.price), status: fields.status };
}

/**
 * Creates a product, or edits `product`. An edit sends the version it started from as `expectedVersion`: if the
 * product changed since (another tab, another user), the service refuses it with CONFLICT and nothing is lost but
 * this draft.
 */
export default function ProductForm({ product, onDone }) {
  const [base, setBase] = useState(product?.version);
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(null);
  const [createProduct, creating] = useMutation(CREATE_PRODUCT, { update: forgetLists });
  const [updateProduct, updating] = useMutation(UPDATE_PRODUCT, { update: forgetHistory });

  async function save(event) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    setCreated(null);
    try {
      if (product) {
        await updateProduct({ variables: { id: product.id, input: inputOf(form), expectedVersion: base } });
        onDone();
      } else {
        const { data } = await createProduct({ variables: { inp: inputOf(form) } });
        setCreated(data.createProduct);
        form.reset();
      }
    } catch (failure) {
      setError(failure);
    }
  }

  function startOver() {
    setBase(product.version);
    setAttempt(attempt + 1); // a fresh form, filled with the product as it is now
    setError(null);
  }

  const stale = product && product.version !== base;
  return (
    <form key={attempt} className="product-form" data-testid={product ? 'edit-form' : 'create-form'} onSubmit={save}>
      <h2>{product ? `Edit (from version ${base})` : 'New product'}</h2>
      <input name="name" required minLength="3" maxLength="500" placeholder="Name" defaultValue={product?.name} />
      <input
        name="price"
        required
        type="number"
        min="0"
        step="0.01"
        placeholder="Price"
        defaultValue={product?.price}
      />
      <select name="status" defaultValue={product?.status ?? 'ACTIVE'}>
        <option value="ACTIVE">Active</option>
        <option value="INACTIVE">Inactive</option>
      </select>
      <button type="submit" disabled={creating.loading || updating.loading}>
        {product ? 'Save' : 'Create'}
      </button>
      {product && (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      )}
      {stale && (
        <p className="warning" data-testid="stale">
          Changed elsewhere since you started editing: it is at version {product.version} now.
        </p>
      )}
      <ErrorList error={error}>
        {stale && (
          <button type="button" onClick={startOver}>
            Start over from version {product.version}
          </button>
        )}
      </ErrorList>
      {created && (
        <p className="notice">
          Created <a href={`#/products/${created.id}`}>{created.name}</a>.
        </p>
      )}
    </form>
  );
}
