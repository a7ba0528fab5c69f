import { randomUUID } from "node:crypto";
import { In } from "typeorm";
import type { GroupKind } from "../domain/engine/index.js";
import { validateDurationMinutes, validateText } from "../domain/validation/index.js";
import { ClientEntity, ClinicianEntity, GroupMemberEntity, TherapyGroupEntity } from "../entities/index.js";
import { assertValid, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CreateGroupInput {
  name: string;
  kind: GroupKind;
  hasPsychotherapyComponent: boolean;
  leaderId: string;
  defaultDurationMinutes: number;
  memberIds: string[];
}

export type UpdateGroupInput = { [K in keyof CreateGroupInput]?: CreateGroupInput[K] | null };

const MAX_MEMBERS = 100;
const GROUP_FIELDS = ["name", "kind", "hasPsychotherapyComponent", "leaderId", "defaultDurationMinutes"] as const;

export class GroupService {
  constructor(private readonly db: Database) {}

  list(actor: Actor): Promise<TherapyGroupEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(TherapyGroupEntity, { order: { name: "ASC", id: "ASC" } }));
  }

  async get(actor: Actor, id: string): Promise<TherapyGroupEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(TherapyGroupEntity, { id }));
  }

  /** Changes a group; `memberIds`, when given, is the whole new member list. Past sessions keep their attendance. */
  async update(actor: Actor, id: string, input: UpdateGroupInput, meta: RequestMeta): Promise<TherapyGroupEntity> {
    const errors: FieldError[] = [];
    if (input.name !== undefined) errors.push(...validateText(input.name, "name", { required: true, max: 200 }));
    if (input.defaultDurationMinutes !== undefined) errors.push(...validateDurationMinutes(input.defaultDurationMinutes ?? NaN, "defaultDurationMinutes"));
    for (const field of ["kind", "hasPsychotherapyComponent", "leaderId", "memberIds"] as const) {
      if (input[field] === null) errors.push({ field, message: "This field cannot be null; leave it out to keep the current value" });
    }
    const memberIds = input.memberIds ? [...new Set(input.memberIds)] : null;
    if (memberIds && memberIds.length > MAX_MEMBERS) errors.push({ field: "memberIds", message: `A group can have at most ${MAX_MEMBERS} members` });
    assertValid(errors);
    if (!isUuid(id)) throw notFound("Group");
    if (input.leaderId != null && !isUuid(input.leaderId)) throw notFound("Clinician");
    if (memberIds && !memberIds.every(isUuid)) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOne(TherapyGroupEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!before) throw notFound("Group");
      if (input.leaderId != null && !(await manager.existsBy(ClinicianEntity, { id: input.leaderId }))) throw notFound("Clinician");
      if (memberIds && memberIds.length > 0 && (await manager.countBy(ClientEntity, { id: In(memberIds) })) !== memberIds.length) throw notFound("Client");
      const after: TherapyGroupEntity = { ...before };
      if (input.name != null) after.name = input.name.trim();
      if (input.kind != null) after.kind = input.kind;
      if (input.hasPsychotherapyComponent != null) after.hasPsychotherapyComponent = input.hasPsychotherapyComponent;
      if (input.leaderId != null) after.leaderId = input.leaderId;
      if (input.defaultDurationMinutes != null) after.defaultDurationMinutes = input.defaultDurationMinutes;
      const changes: Record<string, unknown> = changedFields(before, after, GROUP_FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(TherapyGroupEntity, { practiceId: actor.practiceId, id }, {
          name: after.name,
          kind: after.kind,
          hasPsychotherapyComponent: after.hasPsychotherapyComponent,
          leaderId: after.leaderId,
          defaultDurationMinutes: after.defaultDurationMinutes,
        });
      }
      if (memberIds) {
        const old = (await manager.find(GroupMemberEntity, { where: { groupId: id }, order: { position: "ASC" } })).map((m) => m.clientId);
        if (JSON.stringify(old) !== JSON.stringify(memberIds)) {
          await manager.delete(GroupMemberEntity, { practiceId: actor.practiceId, groupId: id });
          if (memberIds.length > 0) {
            await manager.insert(
              GroupMemberEntity,
              memberIds.map((clientId, position) => ({ practiceId: actor.practiceId, id: randomUUID(), groupId: id, clientId, position })),
            );
          }
          changes.memberIds = { before: old, after: memberIds };
        }
      }
      if (Object.keys(changes).length > 0) {
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "group.update",
          entityType: "TherapyGroup",
          entityId: id,
          changes,
        });
      }
      return after;
    });
  }

  async create(actor: Actor, input: CreateGroupInput, meta: RequestMeta): Promise<TherapyGroupEntity> {
    const errors: FieldError[] = [
      ...validateText(input.name, "name", { required: true, max: 200 }),
      ...validateDurationMinutes(input.defaultDurationMinutes, "defaultDurationMinutes"),
    ];
    const memberIds = [...new Set(input.memberIds)];
    if (memberIds.length > MAX_MEMBERS) errors.push({ field: "memberIds", message: `A group can have at most ${MAX_MEMBERS} members` });
    assertValid(errors);
    if (!isUuid(input.leaderId)) throw notFound("Clinician");
    if (!memberIds.every(isUuid)) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      if (!(await manager.existsBy(ClinicianEntity, { id: input.leaderId }))) throw notFound("Clinician");
      if (memberIds.length > 0 && (await manager.countBy(ClientEntity, { id: In(memberIds) })) !== memberIds.length) throw notFound("Client");
      const group = manager.create(TherapyGroupEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        name: input.name.trim(),
        kind: input.kind,
        hasPsychotherapyComponent: input.hasPsychotherapyComponent,
        leaderId: input.leaderId,
        defaultDurationMinutes: input.defaultDurationMinutes,
      });
      await manager.insert(TherapyGroupEntity, group);
      if (memberIds.length > 0) {
        await manager.insert(
          GroupMemberEntity,
          memberIds.map((clientId, position) => ({ practiceId: actor.practiceId, id: randomUUID(), groupId: group.id, clientId, position })),
        );
      }
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "group.create",
        entityType: "TherapyGroup",
        entityId: group.id,
        changes: { ...changedFields(null, group, GROUP_FIELDS), memberIds: { before: null, after: memberIds } },
      });
      return group;
    });
  }
}
