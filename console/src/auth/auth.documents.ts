import { graphql } from "../__generated__";

export const MeDocument = graphql(`
  query Me {
    me {
      role
      user { id email name }
      practice { id name npi timezone defaultPlaceOfService }
      memberships { role practice { id name } }
    }
  }
`);

export const LogInDocument = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { token }
  }
`);

/** The same mutation under another name, so the practice switcher's failures never read as an expired session. */
export const SwitchPracticeDocument = graphql(`
  mutation SwitchPractice($input: LogInInput!) {
    logIn(input: $input) { token }
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
