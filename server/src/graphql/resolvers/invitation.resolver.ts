import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { Membership, Viewer } from "../types/account.type.js";
import { Invitation } from "../types/invitation.type.js";

const invitationId = { description: "The invitation." };

@Resolver(() => Viewer)
export class InvitationResolver {
  @FieldResolver(() => [Invitation], { description: "Open invitations to other practices addressed to the signed-in user, oldest first." })
  invitations(@Ctx() ctx: GraphQLContext): Promise<Invitation[]> {
    return ctx.services.invitations.mine(requireActor(ctx));
  }

  @Query(() => [Invitation], { name: "invitations", description: "The active practice's open invitations, oldest first (owners and admins)." })
  @Authorized(Permission.ManageMembers)
  sentInvitations(@Ctx() ctx: GraphQLContext): Promise<Invitation[]> {
    return ctx.services.invitations.sentBy(requireActor(ctx));
  }

  @Mutation(() => Membership, {
    description: "Joins the inviting practice with the role offered (switchPractice then acts there). An invitation addressed to someone else fails NOT_FOUND.",
  })
  @Authorized()
  acceptInvitation(@Arg("id", () => ID, invitationId) id: string, @Ctx() ctx: GraphQLContext): Promise<Membership> {
    return ctx.services.invitations.accept(requireActor(ctx), id, ctx);
  }

  @Mutation(() => Boolean, { description: "Declines an invitation addressed to the signed-in user." })
  @Authorized()
  declineInvitation(@Arg("id", () => ID, invitationId) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.invitations.decline(requireActor(ctx), id, ctx);
  }

  @Mutation(() => Boolean, { description: "Withdraws an open invitation of the active practice (owners and admins)." })
  @Authorized(Permission.ManageMembers)
  revokeInvitation(@Arg("id", () => ID, invitationId) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.invitations.revoke(requireActor(ctx), id, ctx);
  }
}
