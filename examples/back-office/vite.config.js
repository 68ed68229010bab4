import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The catalog service the dev and preview servers proxy to (bin/run serves it at http://localhost:8080).
const target = process.env.CATALOG_URL ?? 'http://localhost:8080';

// The browser sees one origin: the API, its WebSocket and the image files go through this server. The Host header
// is passed on unchanged (no changeOrigin), so the service takes the requests as same-origin (no CORS) and hands out
// the uploaded images' URLs at this origin. The proxy adds no X-Forwarded-For: in protected open mode (no
// CATALOG_JWT_SECRET) the service sees a client on its own machine, which may write without a token.
const proxy = {
  '/graphql': { target, ws: true },
  '/files': { target },
  '/uploads': { target },
};

export default defineConfig({
  // Served under /back-office/ by the compose file's Nginx, and by these servers too.
  base: '/back-office/',
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
