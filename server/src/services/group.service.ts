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

const MAX_MEMBERS = 100;

export class GroupService {
  constructor(private readonly db: Database) {}

  list(actor: Actor): Promise<TherapyGroupEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(TherapyGroupEntity, { order: { name: "ASC", id: "ASC" } }));
  }

  async get(actor: Actor, id: string): Promise<TherapyGroupEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(TherapyGroupEntity, { id }));
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
        changes: { ...changedFields(null, group, ["name", "kind", "hasPsychotherapyComponent", "leaderId", "defaultDurationMinutes"]), memberIds: { before: null, after: memberIds } },
      });
      return group;
    });
  }
}
