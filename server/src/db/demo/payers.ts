import { daysFrom } from "../../domain/engine/index.js";
import type { PayerRulesPatch } from "../../domain/validation/index.js";
import { addDays, type Month } from "./calendar.js";
import type { DemoContext } from "./context.js";

export interface DemoPayers {
  medicaid: string;
  medicare: string;
  commercial: string;
  tricare: string;
}

/**
 * The four payers, each set up to show its own denials, and Medicaid's later rules version inside the month.
 * Undated first rules hold since always, as a practice setting up its payers would enter them.
 */
export async function createDemoPayers({ services, actor, meta }: DemoContext, month: Month): Promise<DemoPayers> {
  const payer = async (name: string, kind: "MEDICAID" | "MEDICARE" | "COMMERCIAL" | "TRICARE", payerCode: string, rules: PayerRulesPatch) =>
    (await services.payers.create(actor, { name, kind, payerCode, rules }, meta)).id;
  const payers = {
    // Medicaid's reviewers deny groups documented as education, so its lines warn on class-like wording.
    medicaid: await payer("Bay State Medicaid", "MEDICAID", "MCDMA", { feeCents: 4_850, warnClassLikeDocumentation: true }),
    medicare: await payer("Medicare Part B", "MEDICARE", "MCRB1", {
      maxGroupSize: 10,
      telehealthAudioAllowed: true,
      modifierRules: [{ modifier: "95", when: "TELEHEALTH_VIDEO" }, { modifier: "93", when: "TELEHEALTH_AUDIO" }],
      feeCents: 6_120,
      // Telehealth lines: 10 for members at home, 02 for those elsewhere (as attendance records it).
      telehealthPosByLocation: true,
      // A member who leaves before three quarters of the session is not billed (ATTENDANCE_TOO_SHORT).
      minAttendedPercent: 75,
      // Medicare pays interactive complexity (90785) with group therapy: a flagged member's claim gets a second line.
      allowInteractiveComplexity: true,
      interactiveComplexityFeeCents: 1_450,
    }),
    commercial: await payer("Blue Harbor PPO", "COMMERCIAL", "BHPPO", {
      minGroupSize: 3,
      maxGroupSize: 8,
      minSessionMinutes: 60,
      modifierRules: [{ modifier: "GT", when: "TELEHEALTH_VIDEO" }],
      requiredNoteElements: ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS"],
      feeCents: 9_500,
      // Lines rendered by a clinical social worker carry AJ.
      credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }],
      // Its members need a prior authorization in force with units left (see the authorizations).
      requirePriorAuthorization: true,
    }),
    // A payer set up without its fee yet: its lines show MISSING_FEE until the practice enters it.
    tricare: await payer("TriWest Behavioral", "TRICARE", "TRIW1", {
      // Notes signed more than a week after the session warn (NOTE_SIGNED_LATE): the seed signs last month's notes today.
      signWithinDays: 7,
      modifierRules: [
        { modifier: "AJ", when: "ALWAYS" },
        { modifier: "95", when: "TELEHEALTH_VIDEO" },
      ],
    }),
  };
  // A later rules change inside the month shows versioning at work; from then on Medicaid also pays one group a
  // week per member (FREQUENCY_LIMIT: Okafor's Tuesday DBT after his Monday Recovery Group).
  await services.payers.setRules(actor, payers.medicaid, { effectiveFrom: addDays(month.from, 14), feeCents: 5_100, maxUnitsPerWeek: 1 }, meta);
  return payers;
}

/**
 * Medicare's filing window, from mid-month: as long as makes `tooLate` (the third Thursday's group) one day too late
 * on the day the demo is loaded (TIMELY_FILING_EXPIRED) and the later Thursdays due within two weeks
 * (TIMELY_FILING_SOON).
 */
export async function setMedicareFilingWindow({ services, actor, meta }: DemoContext, medicare: string, month: Month, tooLate: string, today: string): Promise<void> {
  await services.payers.setRules(actor, medicare, { effectiveFrom: addDays(month.from, 14), timelyFilingDays: daysFrom(tooLate, today) - 1 }, meta);
}
