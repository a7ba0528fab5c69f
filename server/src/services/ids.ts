const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not even a UUID cannot exist; answering early keeps malformed ids from reaching SQL as errors. */
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}
