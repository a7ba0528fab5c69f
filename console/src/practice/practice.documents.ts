import { graphql } from "../__generated__";

export const PracticeSettingsDocument = graphql(`
  query PracticeSettings {
    practice {
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
    }
  }
`);

export const UpdatePracticeDocument = graphql(`
  mutation UpdatePractice($input: UpdatePracticeInput!) {
    updatePractice(input: $input) {
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
    }
  }
`);
