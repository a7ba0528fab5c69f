import { graphql } from "../__generated__";

export const CliniciansDocument = graphql(`
  query Clinicians {
    clinicians { id name firstName lastName taxonomyCode npi credential licensed licenseExpiresOn userId }
  }
`);

export const CreateClinicianDocument = graphql(`
  mutation CreateClinician($input: CreateClinicianInput!) {
    createClinician(input: $input) { id name firstName lastName taxonomyCode npi credential licensed licenseExpiresOn }
  }
`);

export const LinkClinicianUserDocument = graphql(`
  mutation LinkClinicianUser($clinicianId: ID!, $userId: ID) {
    linkClinicianUser(clinicianId: $clinicianId, userId: $userId) { id userId }
  }
`);

export const UpdateClinicianDocument = graphql(`
  mutation UpdateClinician($id: ID!, $input: UpdateClinicianInput!) {
    updateClinician(id: $id, input: $input) { id name firstName lastName taxonomyCode npi credential licensed licenseExpiresOn }
  }
`);
