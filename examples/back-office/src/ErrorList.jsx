import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/**
 * Every GraphQL error of a failed operation, with its `extensions.code`: the GraphQL errors of an answer, the errors
 * in the body of an HTTP error (a 401 for a bad token, a 413, a 429...), or what failed on the way.
 */
export function describe(error) {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map(fromGraphQL);
  if (ServerError.is(error)) {
    try {
      const { errors } = JSON.parse(error.bodyText);
      if (Array.isArray(errors) && errors.length > 0) return errors.map(fromGraphQL);
    } catch {
      // Not a GraphQL body: the HTTP status tells what happened.
    }
    return [{ code: `HTTP ${error.statusCode}`, message: error.message }];
  }
  return [{ code: error?.name ?? 'ERROR', message: error?.message ?? String(error) }];
}

function fromGraphQL({ message, extensions }) {
  return { code: extensions?.code ?? 'ERROR', message, field: extensions?.field };
}

export default function ErrorList({ error, children }) {
  if (!error) return null;
  return (
    <div className="errors" role="alert">
      {describe(error).map(({ code, message, field }, index) => (
        <p key={index} className="error" data-code={code}>
          <code>{code}</code>
          {field && <> (field <code>{field}</code>)</>} {message}
        </p>
      ))}
      {children}
    </div>
  );
}
