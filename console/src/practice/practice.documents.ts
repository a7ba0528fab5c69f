import { graphql } from "../__generated__";

export const PracticeSettingsFieldsFragment = graphql(`
  fragment PracticeSettingsFields on Practice {
    id
    name
    npi
    timezone
    defaultPlaceOfService
    taxId
    taxonomyCode
    addressLine1
    addressCity
    addressState
    addressZip
    phone
    clearinghouseName
    clearinghouseId
    submitterId
    submitterName
    submitterContactName
    x12UsageIndicator
  }
`);

export const PracticeSettingsDocument = graphql(`
  query PracticeSettings {
    practice { ...PracticeSettingsFields }
  }
`);

export const UpdatePracticeDocument = graphql(`
  mutation UpdatePractice($input: UpdatePracticeInput!) {
    updatePractice(input: $input) { ...PracticeSettingsFields }
  }
`);
