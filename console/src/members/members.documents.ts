import { graphql } from "../__generated__";

export const AddMemberDocument = graphql(`
  mutation AddMember($input: AddMemberInput!) {
    addMember(input: $input) { role user { id email name } }
  }
`);
