import { valuesOf } from "../lib/labels";

/** A select's options for an enum, from its label Record: every value (or the `values` given), labelled. */
export function EnumOptions<T extends string>({ labels, values = valuesOf(labels) }: { labels: Record<T, string>; values?: readonly T[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {labels[value]}
        </option>
      ))}
    </>
  );
}
