import { useQuery } from '@apollo/client/react';
import ErrorList from './ErrorList.jsx';
import { PRODUCT_HISTORY } from './operations.js';

const ENTRIES = 20;

/** The product's changes, newest first: who made each, when, and what it changed. Read again after each change. */
export default function History({ id }) {
  const { data, error } = useQuery(PRODUCT_HISTORY, { variables: { id, first: ENTRIES } });
  const history = data?.productHistory;
  return (
    <section className="history" data-testid="history">
      <h3>History</h3>
      <ErrorList error={error} />
      <ol>
        {history?.edges.map(({ cursor, node }) => (
          <li key={cursor} data-kind={node.kind}>
            <strong>
              v{node.version} {node.kind.toLowerCase()}
            </strong>{' '}
            by <code>{node.by}</code> at {new Date(node.at).toLocaleString()}
            <ul>
              {node.changes.map(({ field, from, to }) => (
                <li key={field}>
                  {field}: {from === null ? '' : <del>{from}</del>} → <ins>{to ?? '∅'}</ins>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {history?.pageInfo.hasNextPage && <p className="muted">The latest {ENTRIES} changes are shown.</p>}
    </section>
  );
}
