import { X12Interchange, X12Parser } from "node-x12";
import type { RemittanceProblem } from "./types.js";

/**
 * Reads an interchange into positioned segments. node-x12 reads the elements;
 * before it runs, a scan of segment ids alone checks what node-x12 does not
 * survive (it throws a TypeError on an ST outside a GS, an empty segment, or
 * a segment with no element separator) and gives each problem the segment's
 * position in the file, which node-x12's diagnostics do not carry.
 */

export interface Delimiters {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export interface Segment {
  tag: string;
  /** 1-based place in the file, ISA = 1. */
  position: number;
  /** elements[0] is element 01. */
  elements: string[];
}

/** The value of element `index` (1-based, as the guide numbers them); "" when absent. */
export function element(seg: Segment, index: number): string {
  return seg.elements[index - 1] ?? "";
}

export interface Transaction {
  st: Segment;
  se: Segment;
  gs: Segment;
  /** Between ST and SE, exclusive. */
  body: Segment[];
}

export interface Interchange {
  isa: Segment;
  /** ISA13 as written: node-x12 turns it into an integer, which loses the leading zeros. */
  isaControlNumber: string;
  delimiters: Delimiters;
  groups: { gs: Segment; ge: Segment }[];
  transactions: Transaction[];
}

export type ReadResult = { ok: true; interchange: Interchange } | { ok: false; problems: RemittanceProblem[] };

const ISA_LENGTH = 106;
/** Where ISA's 16 element separators sit: every ISA element has a fixed width. */
const ISA_SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const ENVELOPE_TAGS = new Set(["ISA", "IEA", "GS", "GE", "ST", "SE"]);

function describeAt(tag: string, position: number | null): string {
  return position === null ? tag : `${tag} (segment ${position})`;
}

function problem(
  code: RemittanceProblem["code"],
  segmentId: string,
  position: number | null,
  elementId: string | null,
  detail: string,
): RemittanceProblem {
  const where = elementId ? `${describeAt(segmentId, position)}, ${elementId}` : describeAt(segmentId, position);
  return { code, segmentId, position, element: elementId, message: `${where}: ${detail}` };
}
export { problem as remittanceProblem };

function readDelimiters(isa: string): Delimiters | RemittanceProblem {
  if (isa.length < ISA_LENGTH) {
    return problem("NOT_X12", "ISA", 1, null, `the file is too short to hold the 106-character ISA segment (${isa.length} characters)`);
  }
  const elementSep = isa[3]!;
  const misplaced = ISA_SEPARATOR_OFFSETS.find((offset) => isa[offset] !== elementSep);
  if (misplaced !== undefined) {
    return problem(
      "NOT_X12",
      "ISA",
      1,
      null,
      `the ISA must be 106 characters with its element separator ${JSON.stringify(elementSep)} at fixed places, but character ${misplaced + 1} is ${JSON.stringify(isa[misplaced])}; the delimiters cannot be read`,
    );
  }
  const delimiters: Delimiters = { element: elementSep, repetition: isa[82]!, component: isa[104]!, segment: isa[105]! };
  const chosen = [delimiters.element, delimiters.component, delimiters.segment];
  // Some payers end segments with a line break instead of "~"; any other letter, digit or blank would split data.
  const unusable = (d: string) => /[A-Za-z0-9\s]/.test(d) && !(d === delimiters.segment && (d === "\n" || d === "\r"));
  if (chosen.some(unusable) || new Set(chosen).size !== chosen.length) {
    return problem(
      "NOT_X12",
      "ISA",
      1,
      "ISA16",
      `the element separator ${JSON.stringify(delimiters.element)}, component separator ${JSON.stringify(delimiters.component)} and segment terminator ${JSON.stringify(delimiters.segment)} must be three different characters that are neither letters, digits nor spaces`,
    );
  }
  return delimiters;
}

interface RawSegment {
  tag: string;
  position: number;
  /** Split by the element separator; only used for the envelope's own segments. */
  elements: string[];
}

/** Splits into segments and checks each starts with an id and the element separator. */
function scan(text: string, d: Delimiters): RawSegment[] | RemittanceProblem {
  const pieces = text.split(d.segment);
  const trailing = pieces.pop()!.trim();
  if (trailing !== "") {
    return problem("ENVELOPE", "IEA", null, null, `the file ends with ${JSON.stringify(trailing.slice(0, 20))}, which has no segment terminator ${JSON.stringify(d.segment)}`);
  }
  const segments: RawSegment[] = [];
  for (const [i, piece] of pieces.entries()) {
    const position = i + 1;
    const raw = piece.replace(/^\s+/, "");
    const cut = raw.indexOf(d.element);
    const tag = cut < 0 ? raw : raw.slice(0, cut);
    if (raw === "") return problem("NOT_X12", "?", position, null, `segment ${position} is empty (two segment terminators in a row)`);
    if (cut < 0 || !SEGMENT_ID.test(tag)) {
      return problem(
        "NOT_X12",
        /^[A-Z][A-Z0-9]{1,2}(?![A-Z0-9])/.exec(raw)?.[0] ?? "?",
        position,
        null,
        `${JSON.stringify(raw.slice(0, 30))} does not start with a segment id followed by the element separator ${JSON.stringify(d.element)} that the ISA declares`,
      );
    }
    segments.push({ tag, position, elements: ENVELOPE_TAGS.has(tag) ? raw.split(d.element).slice(1) : [] });
  }
  return segments;
}

interface Envelope {
  isa: RawSegment;
  iea: RawSegment;
  groups: { gs: RawSegment; ge: RawSegment; transactions: { st: RawSegment; se: RawSegment }[] }[];
}

/** Checks ISA > GS > ST ... SE > GE > IEA nesting; stops at the first break since later positions then mean nothing. */
function checkNesting(segments: RawSegment[]): Envelope | RemittanceProblem {
  const isa = segments[0]!;
  const groups: Envelope["groups"] = [];
  let group: { gs: RawSegment; transactions: { st: RawSegment; se: RawSegment }[] } | null = null;
  let st: RawSegment | null = null;
  for (const seg of segments.slice(1)) {
    const at = (detail: string) => problem("ENVELOPE", seg.tag, seg.position, null, detail);
    switch (seg.tag) {
      case "ISA":
        return at("a second interchange starts here; import each interchange as its own file");
      case "GS":
        if (st) return at(`a functional group starts while the transaction opened by ST (segment ${st.position}) has no SE`);
        if (group) return at(`a functional group starts while the one opened by GS (segment ${group.gs.position}) has no GE`);
        group = { gs: seg, transactions: [] };
        break;
      case "ST":
        if (!group) return at("ST is not inside a functional group: the GS before it is missing");
        if (st) return at(`a transaction starts while the one opened by ST (segment ${st.position}) has no SE`);
        st = seg;
        break;
      case "SE":
        if (!st || !group) return at("SE closes a transaction that was never opened: the ST before it is missing");
        group.transactions.push({ st, se: seg });
        st = null;
        break;
      case "GE":
        if (st) return at(`GE closes the group while the transaction opened by ST (segment ${st.position}) has no SE`);
        if (!group) return at("GE closes a functional group that was never opened: the GS before it is missing");
        if (group.transactions.length === 0) {
          return problem("MISSING_SEGMENT", "ST", null, null, `the functional group opened by GS (segment ${group.gs.position}) holds no transaction`);
        }
        groups.push({ ...group, ge: seg });
        group = null;
        break;
      case "IEA":
        if (st) return at(`IEA closes the interchange while the transaction opened by ST (segment ${st.position}) has no SE`);
        if (group) return at(`IEA closes the interchange while the group opened by GS (segment ${group.gs.position}) has no GE`);
        if (seg.position !== segments.length) {
          const next = segments[seg.position]!;
          return problem("ENVELOPE", next.tag, next.position, null, "segments follow the IEA that ends the interchange");
        }
        if (groups.length === 0) return problem("MISSING_SEGMENT", "GS", null, null, "the interchange holds no functional group");
        return { isa, iea: seg, groups };
      default:
        if (!st) {
          return at(`${seg.tag} is outside a transaction: it must come between an ST and its SE`);
        }
    }
  }
  if (st) return problem("MISSING_SEGMENT", "SE", null, null, `the file ends without the SE that closes the transaction opened by ST (segment ${st.position})`);
  if (group) return problem("MISSING_SEGMENT", "GE", null, null, `the file ends without the GE that closes the group opened by GS (segment ${group.gs.position})`);
  return problem("MISSING_SEGMENT", "IEA", null, null, "the file ends without the IEA that closes the interchange");
}

const raw = (seg: RawSegment, index: number): string => seg.elements[index - 1] ?? "";

/** Trailer counts and control numbers: every one that disagrees, not only the first. */
function checkTrailers(envelope: Envelope, isaControlNumber: string): RemittanceProblem[] {
  const problems: RemittanceProblem[] = [];
  for (const { gs, ge, transactions } of envelope.groups) {
    for (const { st, se } of transactions) {
      const count = se.position - st.position + 1;
      if (raw(se, 1) !== String(count)) {
        problems.push(problem("COUNT_MISMATCH", "SE", se.position, "SE01", `SE01 says the transaction has ${JSON.stringify(raw(se, 1))} segments, but ST through SE count ${count}`));
      }
      if (raw(se, 2) !== raw(st, 2)) {
        problems.push(problem("CONTROL_NUMBER_MISMATCH", "SE", se.position, "SE02", `SE02 ${JSON.stringify(raw(se, 2))} differs from ST02 ${JSON.stringify(raw(st, 2))} of the ST at segment ${st.position}`));
      }
    }
    if (raw(ge, 1) !== String(transactions.length)) {
      problems.push(problem("COUNT_MISMATCH", "GE", ge.position, "GE01", `GE01 says the group holds ${JSON.stringify(raw(ge, 1))} transactions, but it holds ${transactions.length}`));
    }
    if (raw(ge, 2) !== raw(gs, 6)) {
      problems.push(problem("CONTROL_NUMBER_MISMATCH", "GE", ge.position, "GE02", `GE02 ${JSON.stringify(raw(ge, 2))} differs from GS06 ${JSON.stringify(raw(gs, 6))} of the GS at segment ${gs.position}`));
    }
  }
  const { iea, groups } = envelope;
  if (raw(iea, 1) !== String(groups.length)) {
    problems.push(problem("COUNT_MISMATCH", "IEA", iea.position, "IEA01", `IEA01 says the interchange holds ${JSON.stringify(raw(iea, 1))} functional groups, but it holds ${groups.length}`));
  }
  if (raw(iea, 2) !== isaControlNumber) {
    problems.push(problem("CONTROL_NUMBER_MISMATCH", "IEA", iea.position, "IEA02", `IEA02 ${JSON.stringify(raw(iea, 2))} differs from ISA13 ${JSON.stringify(isaControlNumber)}`));
  }
  return problems;
}

/** node-x12's object model, flattened back into file order so positions match the scan. */
function flatten(parsed: X12Interchange): Segment[] {
  const nodeSegments = [
    parsed.header,
    ...parsed.functionalGroups.flatMap((g) => [g.header, ...g.transactions.flatMap((t) => [t.header, ...t.segments, t.trailer]), g.trailer]),
    parsed.trailer,
  ];
  return nodeSegments.map((seg, i) => ({ tag: seg.tag, position: i + 1, elements: seg.elements.map((e) => e.value) }));
}

export function readInterchange(input: string): ReadResult {
  const fail = (p: RemittanceProblem): ReadResult => ({ ok: false, problems: [p] });
  // A byte-order mark or blank lines before the ISA are common in files saved by editors; nothing else may precede it.
  const text = input.replace(/^\uFEFF/, "").replace(/^\s+/, "");
  if (!text.startsWith("ISA")) {
    return fail(problem("NOT_X12", "ISA", null, null, `the file does not start with an ISA segment (it starts with ${JSON.stringify(text.slice(0, 20))}), so it is not an X12 interchange`));
  }
  const delimiters = readDelimiters(text.slice(0, ISA_LENGTH));
  if ("code" in delimiters) return fail(delimiters);
  const scanned = scan(text, delimiters);
  if (!Array.isArray(scanned)) return fail(scanned);
  const envelope = checkNesting(scanned);
  if ("code" in envelope) return fail(envelope);
  const isaControlNumber = text.slice(90, 99);
  if (!/^\d{9}$/.test(isaControlNumber)) {
    return fail(problem("INVALID_ELEMENT", "ISA", 1, "ISA13", `the interchange control number must be 9 digits, got ${JSON.stringify(isaControlNumber)}`));
  }
  const trailerProblems = checkTrailers(envelope, isaControlNumber);
  if (trailerProblems.length > 0) return { ok: false, problems: trailerProblems };

  const parser = new X12Parser(false);
  let parsed: ReturnType<X12Parser["parse"]>;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    return fail(problem("NOT_X12", "ISA", null, null, `the X12 parser could not read the file: ${error instanceof Error ? error.message : String(error)}`));
  }
  // Only strict mode splits several interchanges into a "fat" one, and the scan already refused a second ISA.
  if (!(parsed instanceof X12Interchange)) {
    return fail(problem("ENVELOPE", "ISA", null, null, "the X12 parser found more than one interchange"));
  }
  if (parser.diagnostics.length > 0) {
    return { ok: false, problems: parser.diagnostics.map((d) => problem("ENVELOPE", "ISA", null, null, `the X12 parser reports: ${d.message}`)) };
  }
  const segments = flatten(parsed);
  if (segments.length !== scanned.length) {
    return fail(problem("NOT_X12", "ISA", null, null, `the X12 parser read ${segments.length} segments where there are ${scanned.length}`));
  }
  const at = (seg: RawSegment) => segments[seg.position - 1]!;
  return {
    ok: true,
    interchange: {
      isa: segments[0]!,
      isaControlNumber,
      delimiters,
      groups: envelope.groups.map((g) => ({ gs: at(g.gs), ge: at(g.ge) })),
      transactions: envelope.groups.flatMap((g) =>
        g.transactions.map(({ st, se }) => ({ st: at(st), se: at(se), gs: at(g.gs), body: segments.slice(st.position, se.position - 1) })),
      ),
    },
  };
}
