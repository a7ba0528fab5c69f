import { graphql } from "../__generated__";

export const PriorAuthorizationFieldsFragment = graphql(`
  fragment PriorAuthorizationFields on PriorAuthorization {
    id
    number
    startDate
    endDate
    units
    unitsUsed
    unitsLeft
    note
    payer { id }
  }
`);

export const ClientAuthorizationsDocument = graphql(`
  query ClientAuthorizations($id: ID!) {
    client(id: $id) {
      id
      coverages { id memberId priority payer { id name } authorizations { ...PriorAuthorizationFields } }
      authorizations { ...PriorAuthorizationFields payer { id name } }
    }
  }
`);

export const AddPriorAuthorizationDocument = graphql(`
  mutation AddPriorAuthorization($clientId: ID!, $input: AddPriorAuthorizationInput!) {
    addPriorAuthorization(clientId: $clientId, input: $input) { ...PriorAuthorizationFields }
  }
`);

export const UpdatePriorAuthorizationDocument = graphql(`
  mutation UpdatePriorAuthorization($id: ID!, $input: UpdatePriorAuthorizationInput!) {
    updatePriorAuthorization(id: $id, input: $input) { ...PriorAuthorizationFields }
  }
`);

export const RemovePriorAuthorizationDocument = graphql(`
  mutation RemovePriorAuthorization($id: ID!) {
    removePriorAuthorization(id: $id) { id }
  }
`);
