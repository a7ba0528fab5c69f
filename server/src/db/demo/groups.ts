import type { GroupKind } from "../../domain/engine/index.js";
import type { ClientIdOf } from "./clients.js";
import type { DemoClinicians } from "./clinicians.js";
import type { DemoContext } from "./context.js";

export interface DemoGroups {
  dbt: string;
  process: string;
  recovery: string;
  peerCircle: string;
  family: string;
  multiFamily: string;
}

/** Six groups: four billed as 90853, a peer support group with no psychotherapy, a family and a multiple-family group. */
export async function createDemoGroups({ services, actor, meta }: DemoContext, { lcsw, psychologist, peer }: DemoClinicians, clientId: ClientIdOf): Promise<DemoGroups> {
  const group = async (name: string, kind: GroupKind, psychotherapy: boolean, leaderId: string, minutes: number, members: string[]) =>
    (await services.groups.create(actor, { name, kind, hasPsychotherapyComponent: psychotherapy, leaderId, defaultDurationMinutes: minutes, memberIds: members.map(clientId) }, meta)).id;
  return {
    dbt: await group("DBT Skills — Tuesday", "SKILLS", true, lcsw, 90, ["Martinez", "Okafor", "Nguyen", "Alvarez", "Lindqvist", "Siddiqui", "Raman", "Hughes"]),
    process: await group("Depression Process Group", "PSYCHOTHERAPY", true, psychologist, 60, ["Brown", "Whitfield", "Mensah", "Fischer", "Reed", "Petrov", "Carter"]),
    recovery: await group("Recovery Group", "SUBSTANCE_USE", true, lcsw, 75, ["Haddad", "Sullivan", "Delaney", "Moreno", "Okafor"]),
    peerCircle: await group("Peer Support Circle", "SUPPORT", false, peer, 60, ["Petrov", "Haddad", "Reed"]),
    family: await group("Family Sessions", "FAMILY", true, psychologist, 50, ["Brown", "Whitfield"]),
    // Several families together: multiple-family group psychotherapy (90849), not 90853.
    multiFamily: await group("Multi-Family Recovery Night", "MULTI_FAMILY", true, lcsw, 90, ["Haddad", "Sullivan"]),
  };
}
