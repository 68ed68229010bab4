-- Seeds the catalog's event store of a fresh service with :products products, each a history of four events
-- (created, two images created, renamed), as the command side stores them: 4 x :products events, in order.
-- Also the command side's registries and id sequences, so the service accepts new writes afterwards.
-- The views are left empty: rebuilding them is what the benchmark measures.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                              payload, payloadrevision, payloadtype, timestamp)
SELECT (p - 1) * 4 + k + 1,
       CASE WHEN k IN (0, 3) THEN 'product-' || p ELSE 'image-' || (2 * p - 2 + k) END,
       CASE k WHEN 3 THEN 1 ELSE 0 END,
       CASE WHEN k IN (0, 3) THEN 'Product' ELSE 'Image' END,
       gen_random_uuid()::text,
       convert_to('{}', 'UTF8'),
       convert_to(CASE k
           WHEN 0 THEN json_build_object('productId', p, 'name', 'Rebuilt product ' || p,
                                         'price', round((p % 9999) + 0.99, 2), 'status', 'ACTIVE')
           WHEN 3 THEN json_build_object('productId', p, 'name', 'Rebuilt product ' || p || ' renamed',
                                         'price', round((p % 9999) + 0.49, 2),
                                         'status', CASE WHEN p % 10 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END)
           ELSE json_build_object('imageId', 2 * p - 2 + k, 'productId', p,
                                  'url', 'https://img.example/' || p || '/' || k || '.png', 'priority', k)
       END::text, 'UTF8'),
       '1',
       CASE k WHEN 0 THEN 'dev.catalog.events.product.ProductCreatedEvent'
              WHEN 3 THEN 'dev.catalog.events.product.ProductUpdatedEvent'
              ELSE 'dev.catalog.events.image.ImageCreatedEvent' END,
       to_char((now() - interval '1 day' + (p * 4 + k) * interval '1 millisecond') AT TIME ZONE 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  FROM generate_series(1, :products) p CROSS JOIN generate_series(0, 3) k
 ORDER BY p, k;
SELECT setval('domainevententry_globalindex_seq', :products * 4);
INSERT INTO product_registry (product_id, name_key)
SELECT p, 'rebuilt product ' || p || ' renamed' FROM generate_series(1, :products) p;
INSERT INTO image_registry (image_id, product_id, url)
SELECT 2 * p - 2 + k, p, 'https://img.example/' || p || '/' || k || '.png'
  FROM generate_series(1, :products) p CROSS JOIN generate_series(1, 2) k;
SELECT setval('product_id_seq', :products);
SELECT setval('image_id_seq', :products * 2);
COMMIT;
ANALYZE domainevententry;
