import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { Client, Coverage } from "../types/client.type.js";
import { Payer } from "../types/payer.type.js";
import { AddPriorAuthorizationInput, PriorAuthorization, UpdatePriorAuthorizationInput } from "../types/prior-authorization.type.js";
import { loadOrFail } from "./load-or-fail.js";

@Resolver(() => PriorAuthorization)
export class PriorAuthorizationResolver {
  @Mutation(() => PriorAuthorization, { description: "Records a payer's prior authorization for a client; it may not overlap another of the same client and payer." })
  @Authorized(Permission.ManageClients)
  addPriorAuthorization(
    @Arg("clientId", () => ID, { description: "The client the payer authorized." }) clientId: string,
    @Arg("input", () => AddPriorAuthorizationInput) input: AddPriorAuthorizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PriorAuthorization> {
    return ctx.services.authorizations.add(requireActor(ctx), clientId, input, ctx);
  }

  @Mutation(() => PriorAuthorization, { description: "Changes a prior authorization's number, dates, units or note." })
  @Authorized(Permission.ManageClients)
  updatePriorAuthorization(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePriorAuthorizationInput) input: UpdatePriorAuthorizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PriorAuthorization> {
    return ctx.services.authorizations.update(requireActor(ctx), id, input, ctx);
  }

  @Mutation(() => PriorAuthorization, {
    description: "Removes a prior authorization and returns it as it was; refused (CONFLICT) while lines billed under it are in a batch that is not void.",
  })
  @Authorized(Permission.ManageClients)
  removePriorAuthorization(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PriorAuthorization> {
    return ctx.services.authorizations.remove(requireActor(ctx), id, ctx);
  }

  @FieldResolver(() => Payer, { description: "The payer that issued it." })
  payer(@Parent() authorization: PriorAuthorization, @Ctx() ctx: GraphQLContext): Payer | Promise<Payer> {
    return loadOrFail(ctx.loaders.payer, authorization.payerId, "Payer");
  }
}

@Resolver(() => Client)
export class ClientAuthorizationsResolver {
  @FieldResolver(() => [PriorAuthorization], { description: "The client's prior authorizations with every payer, by start date." })
  authorizations(@Parent() client: Client, @Ctx() ctx: GraphQLContext): Promise<PriorAuthorization[]> {
    return ctx.loaders.authorizationsByClient.load(client.id);
  }
}

@Resolver(() => Coverage)
export class CoverageAuthorizationsResolver {
  @FieldResolver(() => [PriorAuthorization], { description: "The client's prior authorizations with this coverage's payer, by start date." })
  async authorizations(@Parent() coverage: Coverage & { clientId: string }, @Ctx() ctx: GraphQLContext): Promise<PriorAuthorization[]> {
    const all = await ctx.loaders.authorizationsByClient.load(coverage.clientId);
    return all.filter((a) => a.payerId === coverage.payerId);
  }
}
