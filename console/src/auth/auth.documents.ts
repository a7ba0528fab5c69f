import { graphql } from "../__generated__";

export const MeDocument = graphql(`
  query Me {
    me {
      role
      permissions
      user { id email name }
      practice { id name npi timezone defaultPlaceOfService }
      memberships { role practice { id name } }
      invitations { id practiceName role invitedAt }
    }
  }
`);

export const LogInDocument = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { token }
  }
`);

/** Reissues the token for another practice of the same user; the server revokes the old one. */
export const SwitchPracticeDocument = graphql(`
  mutation SwitchPractice($practiceId: ID!) {
    switchPractice(practiceId: $practiceId) { token }
  }
`);

export const SignUpDocument = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token }
  }
`);

export const LogOutDocument = graphql(`
  mutation LogOut {
    logOut
  }
`);

/** A practice of the signed-in user's own; like switchPractice it answers with a token for it and revokes the old one. */
export const CreatePracticeDocument = graphql(`
  mutation CreatePractice($input: CreatePracticeInput!) {
    createPractice(input: $input) { token }
  }
`);

export const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($id: ID!) {
    acceptInvitation(id: $id) { role practice { id name } }
  }
`);

export const DeclineInvitationDocument = graphql(`
  mutation DeclineInvitation($id: ID!) {
    declineInvitation(id: $id)
  }
`);
