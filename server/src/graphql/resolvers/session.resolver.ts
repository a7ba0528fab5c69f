import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { can, Permission } from "../../auth/roles.js";
import { forbidden } from "../../errors/domain-error.js";
import type { GroupSessionEntity } from "../../entities/index.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { DateScalar } from "../scalars.js";
import { ClaimDecision } from "../types/claim.type.js";
import { Client } from "../types/client.type.js";
import { Clinician } from "../types/clinician.type.js";
import { connectionTypes, toConnection } from "../types/connection.type.js";
import { TherapyGroup } from "../types/group.type.js";
import { MemberNote } from "../types/note.type.js";
import { AttendanceInput, ScheduleSessionInput, UpdateSessionInput } from "../types/session.input.js";
import { Attendance, GroupSession } from "../types/session.type.js";
import { loadOrFail } from "./load-or-fail.js";

export const { Connection: GroupSessionConnection } = connectionTypes(GroupSession, "GroupSession");

@ArgsType()
class SessionsArgs {
  @Field(() => ID, { nullable: true, description: "Only this group's sessions." }) groupId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only sessions with a line for this payer (a present member's primary payer that day)." }) payerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "First service date (inclusive)." }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Last service date (inclusive)." }) to?: string | null;
  @Field(() => Int, { nullable: true, description: "Page size, at most 100 (default 25)." }) first?: number | null;
  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string | null;
}

const DOCUMENTATION_FIELDS: ReadonlySet<string> = new Set(["topics", "interventions"]);

/**
 * A session's billed facts and its clinical documentation are changed by different people: a biller fixes the
 * length a reason points to but does not write what happened in the group. Each field given needs its permission.
 */
function permissionsToUpdateSession(input: UpdateSessionInput): Permission[] {
  const given = Object.entries(input)
    .filter(([key, value]) => value !== undefined && key !== "expectedVersion")
    .map(([key]) => key);
  const documentation = given.some((key) => DOCUMENTATION_FIELDS.has(key));
  const details = given.some((key) => !DOCUMENTATION_FIELDS.has(key));
  const needed: Permission[] = [];
  if (documentation) needed.push(Permission.ScheduleSessions);
  // An input naming nothing still needs one of them: it is a change, and it bumps the version.
  if (details || !documentation) needed.push(Permission.CorrectSessions);
  return needed;
}

@Resolver(() => GroupSession)
export class SessionResolver {
  @Query(() => GroupSessionConnection, { description: "Sessions in start order, by group and service-date range." })
  @Authorized(Permission.ReadSessions)
  async sessions(@Args(() => SessionsArgs) args: SessionsArgs, @Ctx() ctx: GraphQLContext) {
    const page = await ctx.services.sessions.list(requireActor(ctx), args);
    ctx.loaders.primeSessions(page.nodes.map((edge) => edge.node));
    ctx.loaders.primeGroups(page.groups);
    ctx.loaders.primeClinicians(page.leaders);
    return toConnection(page);
  }

  @Query(() => GroupSession, { nullable: true, description: "One session, or null when the practice has no such session." })
  @Authorized(Permission.ReadSessions)
  async session(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<GroupSession | null> {
    const session = await ctx.services.sessions.get(requireActor(ctx), id);
    if (session) ctx.loaders.primeSessions([session]);
    return session;
  }

  @Mutation(() => GroupSession, { description: "Schedules a session of a group." })
  @Authorized(Permission.ScheduleSessions)
  scheduleSession(@Arg("input", () => ScheduleSessionInput) input: ScheduleSessionInput, @Ctx() ctx: GraphQLContext): Promise<GroupSession> {
    return ctx.services.sessions.schedule(requireActor(ctx), input, ctx);
  }

  @Mutation(() => GroupSession, {
    description:
      "Changes a session or its group documentation; a stale expectedVersion fails with CONFLICT. Time, length, modality, leader, supervisor and place of service need CorrectSessions (billers too); topics and interventions need ScheduleSessions.",
  })
  @Authorized()
  updateSession(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateSessionInput) input: UpdateSessionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GroupSession> {
    const actor = requireActor(ctx);
    if (!permissionsToUpdateSession(input).every((p) => can(actor.role, p))) throw forbidden();
    return ctx.services.sessions.update(actor, id, input, ctx);
  }

  @Mutation(() => GroupSession, { description: "Records who attended; recording a client again replaces their entry." })
  @Authorized(Permission.RecordAttendance)
  recordAttendance(
    @Arg("sessionId", () => ID, { description: "The session." }) sessionId: string,
    @Arg("entries", () => [AttendanceInput], { description: "One entry per client." }) entries: AttendanceInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<GroupSession> {
    return ctx.services.sessions.recordAttendance(requireActor(ctx), sessionId, entries, ctx);
  }

  @FieldResolver(() => TherapyGroup, { description: "The group that met." })
  group(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): TherapyGroup | Promise<TherapyGroup> {
    return loadOrFail(ctx.loaders.group, session.groupId, "Group");
  }

  @FieldResolver(() => Clinician, { description: "Who led this session: the rendering provider, unless a supervisor renders for an unlicensed leader." })
  leader(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): Clinician | Promise<Clinician> {
    return loadOrFail(ctx.loaders.clinician, session.leaderId, "Clinician");
  }

  @FieldResolver(() => Clinician, { nullable: true, description: "Licensed clinician supervising an unlicensed leader, for payers that accept supervised leaders." })
  supervisor(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): Clinician | null | Promise<Clinician | null> {
    return session.supervisorId ? loadOrFail(ctx.loaders.clinician, session.supervisorId, "Clinician") : null;
  }

  @FieldResolver(() => [Attendance], { description: "Attendance as recorded." })
  attendance(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): Promise<Attendance[]> {
    return ctx.loaders.attendanceBySession.load(session.id);
  }

  @FieldResolver(() => Int, { description: "How many members were PRESENT." })
  async presentCount(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.attendanceBySession.load(session.id)).filter((a) => a.status === "PRESENT").length;
  }

  @FieldResolver(() => [MemberNote], { description: "The members' individual notes." })
  notes(@Parent() session: GroupSession, @Ctx() ctx: GraphQLContext): Promise<MemberNote[]> {
    return ctx.loaders.notesBySession.load(session.id);
  }

  @FieldResolver(() => [ClaimDecision], { description: "One claim line per present member, READY, BLOCKED or BILLED." })
  // Sessions reach GraphQL as GroupSessionEntity rows (every resolver answering GroupSession returns the service's
  // entities), and the engine needs the whole row, not only the fields the API shows.
  claimDecisions(@Parent() session: GroupSessionEntity, @Ctx() ctx: GraphQLContext): Promise<ClaimDecision[]> {
    return ctx.loaders.decisionsBySession.load(session);
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => Client, { description: "The client." })
  client(@Parent() attendance: Attendance, @Ctx() ctx: GraphQLContext): Client | Promise<Client> {
    return loadOrFail(ctx.loaders.client, attendance.clientId, "Client");
  }
}
