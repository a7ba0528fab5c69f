import type { DemoContext } from "./context.js";

export interface DemoClinicians {
  lcsw: string;
  psychologist: string;
  peer: string;
}

/** Two licensed clinicians and an unlicensed peer specialist; the demo user signs in as the social worker. */
export async function createDemoClinicians({ services, actor, meta }: DemoContext): Promise<DemoClinicians> {
  const clinician = async (name: string, [firstName, lastName]: [string, string], npi: string, credential: string, licensed: boolean, taxonomyCode: string) =>
    (await services.clinicians.create(actor, { name, firstName, lastName, npi, credential, licensed, licenseExpiresOn: licensed ? "2028-06-30" : null, taxonomyCode }, meta)).id;
  // Taxonomies: clinical social worker, psychologist, peer specialist.
  const lcsw = await clinician("Riley Chen", ["Riley", "Chen"], "1356420830", "LCSW", true, "1041C0700X");
  const psychologist = await clinician("Dr. Amara Obi", ["Amara", "Obi"], "1467531947", "PhD", true, "103T00000X");
  const peer = await clinician("Jordan Blake", ["Jordan", "Blake"], "1578642054", "CPRS", false, "175T00000X");
  // The demo user signs in as Riley Chen, so only they sign the notes of Riley's groups.
  await services.clinicians.linkUser(actor, lcsw, actor.userId, meta);
  return { lcsw, psychologist, peer };
}
