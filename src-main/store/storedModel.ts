/**
 * The columns a stored model has in both of its tables (fits, bayes_fits): who it is, the dataset it
 * was fitted to and with what, and the user's note; and those columns as the API's summary fields.
 */
export interface StoredModelRow {
  id: number;
  dataset_id: number | null;
  dataset_name: string;
  name: string;
  engine_version: string;
  data_hash: string;
  note: string;
  created_at: string;
}

/**
 * The summary fields of a stored model. dataChanged: the dataset's data is no longer what was fitted
 * (`currentHash` gives null for a dataset deleted since, which counts as changed).
 */
export function storedModelFields(r: StoredModelRow, currentHash: (datasetId: number) => string | null) {
  const current = r.dataset_id === null ? null : currentHash(r.dataset_id);
  return {
    id: r.id,
    name: r.name,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    createdAt: r.created_at,
    engineVersion: r.engine_version,
    dataHash: r.data_hash,
    dataChanged: current !== r.data_hash,
    note: r.note,
  };
}
