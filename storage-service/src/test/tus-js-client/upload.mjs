// Uploads a file with the stock tus-js-client, giving up after the first chunk the server
// accepted, then resumes from the upload URL as an app would after a broken connection.
// Prints what the test checks: the offset the server reported on resuming and the URL.
// Usage: node upload.mjs <endpoint> <bearer token> <file> <bucket> <object key>
import { readFileSync } from 'node:fs';
import { Upload } from 'tus-js-client';

const [endpoint, token, file, bucketName, objectName] = process.argv.slice(2);
const data = readFileSync(file);
const chunkSize = 256 * 1024;

function run(options) {
  return new Promise((resolve, reject) => {
    let upload = null;
    upload = new Upload(data, {
      endpoint,
      chunkSize,
      retryDelays: [],
      headers: { Authorization: `Bearer ${token}` },
      metadata: { bucketName, objectName, contentType: 'application/octet-stream' },
      onError: reject,
      onSuccess: () => resolve({ url: upload.url, completed: true }),
      ...options(() => upload, resolve),
    });
    upload.start();
  });
}

const first = await run((upload, resolve) => ({
  onChunkComplete: (size, accepted) => {
    upload().abort().then(() => resolve({ url: upload().url, accepted }));
  },
}));
console.log(`abandoned-at=${first.accepted}`);

let resumedAt = null;
const second = await run(() => ({
  uploadUrl: first.url,
  onAfterResponse: (request, response) => {
    if (request.getMethod() === 'HEAD') {
      resumedAt = response.getHeader('Upload-Offset');
    }
  },
}));
console.log(`resumed-at=${resumedAt}`);
console.log(`completed=${second.completed}`);
console.log(`url=${second.url}`);
