-- The sweep of unreferenced blobs asks which of a batch of blob keys rows still reference.
create index objects_by_blob_key on objects (blob_key);
