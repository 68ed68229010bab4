import { useState } from 'react';

/** The claims of a JWT, read without checking it (the service checks it); null when it is no JWT. */
function claimsOf(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

/** Signing in is pasting a token (bin/dev-token makes one); it is kept in this tab's sessionStorage. */
export default function SignIn({ token, onChange }) {
  const [draft, setDraft] = useState('');

  if (token) {
    const claims = claimsOf(token);
    return (
      <div className="sign-in" data-testid="signed-in">
        <span>
          {claims?.sub ?? 'token'} · {String(claims?.scope ?? claims?.scp ?? 'no scope')}
          {claims?.exp && <> · until {new Date(claims.exp * 1000).toLocaleTimeString()}</>}
        </span>
        <button type="button" onClick={() => onChange(null)}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <form
      className="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) onChange(draft.trim());
      }}
    >
      <input
        name="token"
        placeholder="Paste a JWT (bin/dev-token catalog:write)"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        autoComplete="off"
      />
      <button type="submit">Sign in</button>
    </form>
  );
}
