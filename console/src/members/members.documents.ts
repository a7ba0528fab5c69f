import { graphql } from "../__generated__";

export const AddMemberDocument = graphql(`
  mutation AddMember($input: AddMemberInput!) {
    addMember(input: $input) { role user { id email name } }
  }
`);

export const MembersDocument = graphql(`
  query Members {
    members { role user { id email name } }
  }
`);

export const SetMemberRoleDocument = graphql(`
  mutation SetMemberRole($userId: ID!, $role: Role!) {
    setMemberRole(userId: $userId, role: $role) { role user { id email name } }
  }
`);

/** Open invitations this practice sent to e-mails that already had an account. */
export const SentInvitationsDocument = graphql(`
  query SentInvitations {
    invitations { id email name role invitedAt }
  }
`);

export const RevokeInvitationDocument = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id)
  }
`);
