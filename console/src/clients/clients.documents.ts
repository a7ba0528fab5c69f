import { graphql } from "../__generated__";

export const ClientFieldsFragment = graphql(`
  fragment ClientFields on Client {
    id
    firstName
    lastName
    dateOfBirth
    diagnosisCodes
    sex
    address { line1 line2 city state zip }
    coverages {
      id memberId priority effectiveFrom effectiveTo payer { id name }
      relationship
      subscriber { firstName lastName dateOfBirth sex address { line1 line2 city state zip } }
    }
  }
`);

export const ClientsDocument = graphql(`
  query Clients($search: String, $first: Int, $after: String) {
    clients(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...ClientFields } }
    }
  }
`);

export const ClientDocument = graphql(`
  query Client($id: ID!) {
    client(id: $id) { ...ClientFields }
  }
`);

export const ClientPayersDocument = graphql(`
  query ClientPayers {
    payers { id name }
  }
`);

export const CreateClientDocument = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) { ...ClientFields }
  }
`);

export const UpdateClientDocument = graphql(`
  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {
    updateClient(id: $id, input: $input) { ...ClientFields }
  }
`);
