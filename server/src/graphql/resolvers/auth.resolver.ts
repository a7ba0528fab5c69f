import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Permission, type Role } from "../../auth/roles.js";
import { RoleEnum } from "../enums.js";
import type { Actor } from "../../services/request-context.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { AddMemberInput, CreatePracticeInput, LogInInput, SignUpInput } from "../types/account.input.js";
import { AuthPayload, Membership, Viewer } from "../types/account.type.js";

// The services' views (entities and MembershipView) have the GraphQL types' shape, so the compiler checks the match.
function viewerOf(ctx: GraphQLContext, actor: Actor): Promise<Viewer> {
  return ctx.services.auth.viewer(actor);
}

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { description: "The signed-in user and their active practice." })
  @Authorized()
  me(@Ctx() ctx: GraphQLContext): Promise<Viewer> {
    return viewerOf(ctx, requireActor(ctx));
  }

  @Mutation(() => AuthPayload, {
    description:
      "Creates a new account and its practice, with the account as OWNER, and signs in. An e-mail that already has an account fails CONFLICT whatever the password; repeated attempts are throttled like logIn.",
  })
  async signUp(@Arg("input", () => SignUpInput) input: SignUpInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.signUp(input, ctx);
    return { token: session.token, viewer: await viewerOf(ctx, session.actor) };
  }

  @Mutation(() => AuthPayload, {
    description: "Creates another practice with the signed-in user as OWNER: a token for it, and this one is revoked (as switchPractice).",
  })
  @Authorized()
  async createPractice(@Arg("input", () => CreatePracticeInput) input: CreatePracticeInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.createPractice(requireActor(ctx), input, ctx);
    return { token: session.token, viewer: await viewerOf(ctx, session.actor) };
  }

  @Mutation(() => AuthPayload, { description: "Signs in. Unknown e-mails and wrong passwords answer alike; repeated failures are throttled." })
  async logIn(@Arg("input", () => LogInInput) input: LogInInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.logIn(input, ctx);
    return { token: session.token, viewer: await viewerOf(ctx, session.actor) };
  }

  @Mutation(() => Boolean, { description: "Revokes the token of this request." })
  @Authorized()
  logOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.auth.logOut(requireActor(ctx), ctx);
  }

  @Mutation(() => AuthPayload, { description: "Switches to another practice the user belongs to: a new token for it, and this one is revoked." })
  @Authorized()
  async switchPractice(@Arg("practiceId", () => ID, { description: "The practice to act in." }) practiceId: string, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.switchPractice(requireActor(ctx), practiceId, ctx);
    return { token: session.token, viewer: await viewerOf(ctx, session.actor) };
  }

  @Query(() => [Membership], { description: "Everyone in the active practice and their role (owners and admins)." })
  @Authorized(Permission.ManageMembers)
  members(@Ctx() ctx: GraphQLContext): Promise<Membership[]> {
    return ctx.services.auth.members(requireActor(ctx));
  }

  @Mutation(() => Membership, { description: "Changes a member's role; only owners grant or take away OWNER, and one owner always remains." })
  @Authorized(Permission.ManageMembers)
  setMemberRole(
    @Arg("userId", () => ID, { description: "The member." }) userId: string,
    @Arg("role", () => RoleEnum, { description: "The new role." }) role: Role,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Membership> {
    return ctx.services.auth.setMemberRole(requireActor(ctx), userId, role, ctx);
  }

  @Mutation(() => Membership, {
    description:
      "Adds a colleague with a role. A new e-mail gets an account and joins at once; one that already has an account is sent an invitation it must accept. The answer is alike in both cases: the name and e-mail typed, and an id that is the new account's or the invitation's.",
  })
  @Authorized(Permission.ManageMembers)
  addMember(@Arg("input", () => AddMemberInput) input: AddMemberInput, @Ctx() ctx: GraphQLContext): Promise<Membership> {
    return ctx.services.auth.addMember(requireActor(ctx), input, ctx);
  }
}
