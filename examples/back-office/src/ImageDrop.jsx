import { useMutation } from '@apollo/client/react';
import { useRef, useState } from 'react';
import ErrorList from './ErrorList.jsx';
import { forgetImages } from './LiveUpdates.jsx';
import { UPLOAD_IMAGE } from './operations.js';

/** Drop image files here (or choose them): each goes up as the uploadImage mutation, a GraphQL multipart request. */
export default function ImageDrop({ productId }) {
  const [over, setOver] = useState(false);
  const [error, setError] = useState(null);
  const chooser = useRef(null);
  const [uploadImage, { loading }] = useMutation(UPLOAD_IMAGE, {
    update: (cache) => forgetImages(cache, productId),
  });

  async function upload(files) {
    setError(null);
    try {
      for (const file of files) await uploadImage({ variables: { productId, file } });
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <>
      <div
      className={`drop ${over ? 'over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault(); // lets the drop happen
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        upload([...event.dataTransfer.files]);
      }}
      onClick={() => chooser.current.click()}
    >
      <p>{loading ? 'Uploading…' : 'Drop JPEG, PNG, GIF or WebP files here, or click to choose them.'}</p>
      <input
        ref={chooser}
        type="file"
        accept="image/jpeg,image/png,image/gif,image/webp"
        multiple
        hidden
        onChange={(event) => {
          upload([...event.target.files]);
          event.target.value = '';
        }}
      />
      </div>
      <ErrorList error={error} />
    </>
  );
}
