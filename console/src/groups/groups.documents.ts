import { graphql } from "../__generated__";

export const GroupsDocument = graphql(`
  query Groups {
    groups {
      id
      name
      kind
      hasPsychotherapyComponent
      defaultDurationMinutes
      leader { id name }
      members { id firstName lastName }
    }
  }
`);

export const GroupFormOptionsDocument = graphql(`
  query GroupFormOptions($first: Int) {
    clinicians { id name credential }
    clients(first: $first) { totalCount edges { node { id firstName lastName } } }
  }
`);

export const CreateGroupDocument = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) { id name }
  }
`);

export const UpdateGroupDocument = graphql(`
  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {
    updateGroup(id: $id, input: $input) { id name }
  }
`);
