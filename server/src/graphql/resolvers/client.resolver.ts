import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { notFound } from "../../errors/domain-error.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { CreateClientInput, UpdateClientInput } from "../types/client.input.js";
import { clientAddressOf, subscriberOf } from "../../services/registration-facts.js";
import type { ClientEntity, CoverageEntity } from "../../entities/index.js";
import { Address, Client, Coverage, Subscriber } from "../types/client.type.js";
import { connectionTypes, toConnection } from "../types/connection.type.js";
import { Payer } from "../types/payer.type.js";

export const { Connection: ClientConnection } = connectionTypes(Client, "Client");

@ArgsType()
class ClientsArgs {
  @Field(() => String, { nullable: true, description: "Words matched against first and last names." }) search?: string | null;
  @Field(() => Int, { nullable: true, description: "Page size, at most 100 (default 25)." }) first?: number | null;
  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string | null;
}

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: "Clients by last name, then first name." })
  @Authorized(Permission.ReadClients)
  async clients(@Args(() => ClientsArgs) args: ClientsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.clients.list(requireActor(ctx), args));
  }

  @Query(() => Client, { nullable: true, description: "One client, or null when the practice has no such client." })
  @Authorized(Permission.ReadClients)
  client(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Client | null> {
    return ctx.services.clients.get(requireActor(ctx), id);
  }

  @Mutation(() => Client, { description: "Adds a client with diagnoses and coverages." })
  @Authorized(Permission.ManageClients)
  createClient(@Arg("input", () => CreateClientInput) input: CreateClientInput, @Ctx() ctx: GraphQLContext): Promise<Client> {
    return ctx.services.clients.create(requireActor(ctx), input, ctx);
  }

  @Mutation(() => Client, { description: "Changes a client; `coverages`, when given, replaces the whole list." })
  @Authorized(Permission.ManageClients)
  updateClient(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateClientInput) input: UpdateClientInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Client> {
    return ctx.services.clients.update(requireActor(ctx), id, input, ctx);
  }

  @FieldResolver(() => Address, { nullable: true, description: "Home address; null until recorded (a claim needs it: MISSING_REGISTRATION)." })
  address(@Parent() client: ClientEntity): Address | null {
    return clientAddressOf(client);
  }

  @FieldResolver(() => [Coverage], { description: "Insurance coverages in the order entered." })
  coverages(@Parent() client: Client, @Ctx() ctx: GraphQLContext): Promise<Coverage[]> {
    return ctx.loaders.coveragesByClient.load(client.id);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => Subscriber, { nullable: true, description: "The insured person when the relationship is not SELF; null for SELF." })
  subscriber(@Parent() coverage: CoverageEntity): Subscriber | null {
    return subscriberOf(coverage);
  }

  @FieldResolver(() => Payer, { description: "The insurer." })
  async payer(@Parent() coverage: Coverage, @Ctx() ctx: GraphQLContext): Promise<Payer> {
    const payer = await ctx.loaders.payer.load(coverage.payerId);
    if (!payer) throw notFound("Payer");
    return payer;
  }
}
