import { gql } from '@apollo/client';

// The fields each view shows. Every product and image is cached by its id, so what a mutation or a subscription
// answers about one updates every view of it.
const PRODUCT_FIELDS = gql`
  fragment ProductFields on Product {
    id
    name
    price
    status
    version
    updatedAt
  }
`;

const IMAGE_FIELDS = gql`
  fragment ImageFields on Image {
    id
    productId
    priority
    contentType
    byteSize
    width
    height
    thumbnail: url(maxWidth: 128)
    preview: url(maxWidth: 512)
    url
  }
`;

export const PRODUCTS = gql`
  query Products($first: Int!, $after: String, $filter: ProductFilter) {
    products(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          ...ProductFields
          images {
            ...ImageFields
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${IMAGE_FIELDS}
`;

export const PRODUCT = gql`
  query Product($id: Int!) {
    product(id: $id) {
      ...ProductFields
      images {
        ...ImageFields
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${IMAGE_FIELDS}
`;

export const PRODUCT_HISTORY = gql`
  query ProductHistory($id: Int!, $first: Int!) {
    productHistory(id: $id, first: $first) {
      edges {
        cursor
        node {
          version
          kind
          at
          by
          changes {
            field
            from
            to
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;

export const CREATE_PRODUCT = gql`
  mutation CreateProduct($inp: ProductInput!) {
    createProduct(inp: $inp) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

/** With the version the edit started from: CONFLICT when someone changed the product since. */
export const UPDATE_PRODUCT = gql`
  mutation UpdateProduct($id: Int!, $input: ProductInput!, $expectedVersion: Int!) {
    updateProduct(productId: $id, input: $input, expectedVersion: $expectedVersion) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

/** A GraphQL multipart request: apollo-upload-client finds the File in the variables. */
export const UPLOAD_IMAGE = gql`
  mutation UploadImage($productId: Int!, $file: Upload!) {
    uploadImage(productId: $productId, file: $file) {
      ...ImageFields
    }
  }
  ${IMAGE_FIELDS}
`;

export const PRODUCT_CHANGED = gql`
  subscription ProductChanged {
    productChanged {
      kind
      id
      version
      product {
        ...ProductFields
      }
    }
  }
  ${PRODUCT_FIELDS}
`;

export const IMAGE_CHANGED = gql`
  subscription ImageChanged {
    imageChanged {
      kind
      id
      productId
      version
    }
  }
`;

export const IMAGE_PRODUCT = gql`
  fragment ImageProduct on Image {
    productId
  }
`;
