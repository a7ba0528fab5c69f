/**
 * Client and coverage rows as the engine and the frozen batch line read them: the address and the insured
 * person become one value each (or null), so nothing downstream re-checks which columns are set.
 */
import type { PostalAddressFacts, RegistrationFacts, SubscriberFacts } from "../domain/engine/index.js";
import type { ClientEntity, CoverageEntity } from "../entities/index.js";

interface AddressColumns {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

function addressOf(columns: AddressColumns): PostalAddressFacts | null {
  const { line1, line2, city, state, zip } = columns;
  if (line1 === null || city === null || state === null || zip === null) return null;
  return { line1, line2, city, state, zip };
}

/** The client columns registration reads: an entity, or a plain row with the same names. */
export type ClientRegistrationColumns = Pick<ClientEntity, "sex" | "addressLine1" | "addressLine2" | "addressCity" | "addressState" | "addressZip">;

/** The coverage columns that describe the insured person: an entity, or a plain row with the same names. */
export type CoverageSubscriberColumns = Pick<
  CoverageEntity,
  | "relationship"
  | "subscriberFirstName"
  | "subscriberLastName"
  | "subscriberDateOfBirth"
  | "subscriberSex"
  | "subscriberAddressLine1"
  | "subscriberAddressLine2"
  | "subscriberAddressCity"
  | "subscriberAddressState"
  | "subscriberAddressZip"
>;

export function clientAddressOf(client: ClientRegistrationColumns): PostalAddressFacts | null {
  return addressOf({ line1: client.addressLine1, line2: client.addressLine2, city: client.addressCity, state: client.addressState, zip: client.addressZip });
}

export function registrationOf(client: ClientRegistrationColumns): RegistrationFacts {
  return { sex: client.sex, address: clientAddressOf(client) };
}

export function subscriberOf(coverage: CoverageSubscriberColumns): SubscriberFacts | null {
  const address = addressOf({
    line1: coverage.subscriberAddressLine1,
    line2: coverage.subscriberAddressLine2,
    city: coverage.subscriberAddressCity,
    state: coverage.subscriberAddressState,
    zip: coverage.subscriberAddressZip,
  });
  const { subscriberFirstName: firstName, subscriberLastName: lastName, subscriberDateOfBirth: dateOfBirth, subscriberSex: sex } = coverage;
  if (coverage.relationship === "SELF" || firstName === null || lastName === null || dateOfBirth === null || sex === null || address === null) return null;
  return { firstName, lastName, dateOfBirth, sex, address };
}
