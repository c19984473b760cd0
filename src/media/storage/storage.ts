// The one place media bytes are kept: the filesystem by default, an S3-compatible bucket for several web nodes.
// Keys are content-addressed paths such as `ab/cd/<sha256>-640.webp`; a stored object is never changed.

export interface StoredObject {
  body: Buffer;
  contentType: string;
}

export interface MediaStorage {
  /** `file` or `s3`, for logs and the health page. */
  readonly kind: string;
  /** Stores the bytes under the key; storing an existing key again is a no-op (content-addressed). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object, or null when no object has this key. */
  get(key: string): Promise<StoredObject | null>;
  has(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key, in no particular order (for `convey media gc` and copies). */
  list(): AsyncIterable<string>;
  close(): Promise<void>;
}
