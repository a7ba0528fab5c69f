import v8 from "node:v8";

/**
 * How far the server's heap may grow past what is still live after a full collection: to twice, where V8 would let
 * it reach up to four times under a fast-allocating load. Measured on the scale bench's sessions page under 10
 * connections, RSS peaked anywhere from 290 to 520 MB with V8's own factor (it depends on what was live at the last
 * full collection, such as a background refresh), near 225 MB with this one and near 205 MB with half again, at
 * the same requests per second within the machine's noise; twice leaves fewer full collections under load.
 * A year's claim batch, whose live data runs to hundreds of megabytes, still gets a heap that grows with it.
 * Set once at start by the server's entry points (index.ts, and the bench's server, which measures what runs).
 */
export const HEAP_GROWING_PERCENT = 100;

export function tuneServerHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
