import { graphql } from "../__generated__";

export const CliniciansDocument = graphql(`
  query Clinicians {
    clinicians { id name npi credential licensed licenseExpiresOn }
  }
`);

export const CreateClinicianDocument = graphql(`
  mutation CreateClinician($input: CreateClinicianInput!) {
    createClinician(input: $input) { id name npi credential licensed licenseExpiresOn }
  }
`);
