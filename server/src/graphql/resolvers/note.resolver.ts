import type { NoteElement } from "../../domain/engine/index.js";
import { NoteElementEnum } from "../enums.js";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { User } from "../types/account.type.js";
import { Client } from "../types/client.type.js";
import { MemberNote, NoteAddendum } from "../types/note.type.js";
import { DraftMemberNoteInput, SaveMemberNoteInput } from "../types/session.input.js";
import { loadOrFail } from "./load-or-fail.js";

@Resolver(() => MemberNote)
export class NoteResolver {
  @Mutation(() => MemberNote, { description: "Creates or updates a member's draft note; a signed note fails with CONFLICT." })
  @Authorized(Permission.WriteNotes)
  saveMemberNote(@Arg("input", () => SaveMemberNoteInput) input: SaveMemberNoteInput, @Ctx() ctx: GraphQLContext): Promise<MemberNote> {
    return ctx.services.notes.save(requireActor(ctx), input, ctx);
  }

  @Mutation(() => [MemberNote], {
    description:
      "Drafts the notes of the session's present members that are not signed, from the session's documentation, each member's few words and templates per group kind: fills the empty sections the member's payer requires (participation, response, interventions and plan when it lists none). Nothing is signed; returns the notes drafted.",
  })
  @Authorized(Permission.WriteNotes)
  draftMemberNotes(
    @Arg("sessionId", () => ID, { description: "The session." }) sessionId: string,
    @Arg("members", () => [DraftMemberNoteInput], { description: "A few words per member (optional); members left out are drafted from the session alone." }) members: DraftMemberNoteInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<MemberNote[]> {
    return ctx.services.notes.draft(requireActor(ctx), sessionId, members, ctx);
  }

  @Mutation(() => MemberNote, { description: "Signs a note; from then on it only takes addenda." })
  @Authorized(Permission.WriteNotes)
  signMemberNote(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<MemberNote> {
    return ctx.services.notes.sign(requireActor(ctx), id, ctx);
  }

  @Mutation(() => MemberNote, { description: "Adds a dated addendum to a signed note." })
  @Authorized(Permission.WriteNotes)
  addNoteAddendum(
    @Arg("noteId", () => ID, { description: "The signed note." }) noteId: string,
    @Arg("text", () => String, { description: "The amendment." }) text: string,
    @Arg("element", () => NoteElementEnum, { nullable: true, description: "The note element this addendum completes (e.g. PLAN), when it documents one the note left empty." })
    element: NoteElement | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MemberNote> {
    return ctx.services.notes.addAddendum(requireActor(ctx), noteId, text, ctx, element ?? null);
  }

  @FieldResolver(() => Client, { description: "The member the note is about." })
  client(@Parent() note: MemberNote, @Ctx() ctx: GraphQLContext): Client | Promise<Client> {
    return loadOrFail(ctx.loaders.client, note.clientId, "Client");
  }

  @FieldResolver(() => User, { nullable: true, description: "Who signed it." })
  signedBy(@Parent() note: MemberNote, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    return note.signedBy ? ctx.loaders.user.load(note.signedBy) : Promise.resolve(null);
  }

  @FieldResolver(() => [NoteAddendum], { description: "Addenda, oldest first." })
  addenda(@Parent() note: MemberNote, @Ctx() ctx: GraphQLContext): Promise<NoteAddendum[]> {
    return ctx.loaders.addendaByNote.load(note.id);
  }
}

@Resolver(() => NoteAddendum)
export class NoteAddendumResolver {
  @FieldResolver(() => User, { description: "Who wrote it." })
  author(@Parent() addendum: NoteAddendum, @Ctx() ctx: GraphQLContext): User | Promise<User> {
    return loadOrFail(ctx.loaders.user, addendum.authorId, "User");
  }
}
