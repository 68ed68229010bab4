-- documents.lua: the GraphQL documents and variables templates of the compared operations, by server
-- (selected with GQL_PRESET; GQL_QUERY / GQL_VARIABLES override them). Placeholders: see gql.lua.
--   product   one product by id, with its images (highest priority first)
--   products  the first 20 active products by id, with their images
--   create    create a product with a unique name
return {
  -- The catalog service (Java): POST /graphql.
  catalog = {
    product = {
      query = "query($id:Int!){ product(id:$id){ id name price status images { id url priority } } }",
      variables = '{"id":${id}}',
    },
    products = {
      query = "{ products(first:20, filter:{status:ACTIVE}) { edges { node { id name price status images { id url priority } } } } }",
    },
    create = {
      query = "mutation($inp:ProductInput!){ createProduct(inp:$inp){ id name price status } }",
      variables = '{"inp":{"name":"${name}","price":${price}}}',
    },
  },

  -- PostGraphile 5 (Amber preset) over schema.sql: integer keys are exposed as rowId (id is the global
  -- Node ID), the image relation as imagesByProductId, prices (numeric) as BigFloat strings.
  postgraphile = {
    product = {
      query = "query($id:Int!){ productByRowId(rowId:$id){ rowId name price status"
        .. " imagesByProductId(orderBy:[PRIORITY_DESC,ROW_ID_ASC]){ nodes { rowId url priority } } } }",
      variables = '{"id":${id}}',
    },
    products = {
      query = '{ allProducts(first:20, condition:{status:"ACTIVE"}, orderBy:ROW_ID_ASC){ edges { node {'
        .. " rowId name price status"
        .. " imagesByProductId(orderBy:[PRIORITY_DESC,ROW_ID_ASC]){ nodes { rowId url priority } } } } } }",
    },
    create = {
      query = "mutation($input:CreateProductInput!){ createProduct(input:$input){ product { rowId name price status } } }",
      variables = '{"input":{"product":{"name":"${name}","price":"${price}"}}}',
    },
  },
}
