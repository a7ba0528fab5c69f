import { Foundation1764190000000 } from "./1764190000000-foundation.js";

/** In the order they apply; a new migration is appended here. */
export const migrations = [Foundation1764190000000];
