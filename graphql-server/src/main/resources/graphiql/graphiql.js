// Boots GraphiQL 3 (UMD build, globals React/ReactDOM/GraphiQL) against the same-origin endpoint.
// Kept out of index.html so that the Content-Security-Policy needs no 'unsafe-inline' for scripts.
(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  var endpoint = container.getAttribute('data-endpoint') || '/graphql';
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  container.textContent = '';
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false
    })
  );
})();
