-- Seeds the peer database: :products products (default 10,000), each with 3 images, one INSERT ... SELECT
-- per table; every :inactive_every-th product is INACTIVE (default 10; 0 = all ACTIVE).
-- Run with psql -v products=N -v inactive_every=M (compare.sh does). ANALYZE at the end so the planner
-- has statistics right away. Product ids are 1..:products (fresh identity), which the wrk scripts rely on.
\if :{?products}
\else
  \set products 10000
\endif
\if :{?inactive_every}
\else
  \set inactive_every 10
\endif

INSERT INTO product (name, price, status)
SELECT 'Seed product ' || g,
       round((1 + (g * 7919 % 99900) / 10.0)::numeric, 2),   -- deterministic prices 1.00 .. 9990.90
       CASE WHEN :inactive_every > 0 AND g % greatest(:inactive_every, 1) = 0
            THEN 'INACTIVE' ELSE 'ACTIVE' END
FROM generate_series(1, :products) AS g;

INSERT INTO image (product_id, url, priority)
SELECT p.id,
       'https://cdn.example.com/p/' || p.id || '/' || i || '.jpg',
       (4 - i) * 10                                            -- priorities 30, 20, 10
FROM product p CROSS JOIN generate_series(1, 3) AS i
ORDER BY p.id, i;                                              -- a product's images stored together

ANALYZE product;
ANALYZE image;
