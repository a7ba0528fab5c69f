import { graphql } from "../__generated__";

export const AuditEventsDocument = graphql(`
  query AuditEvents($entityType: String, $entityId: ID, $actorUserId: ID, $action: String, $from: Date, $to: Date, $first: Int, $after: String) {
    auditEvents(entityType: $entityType, entityId: $entityId, actorUserId: $actorUserId, action: $action, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at action entityType entityId entityName names { id name } changes actor { id email name } } }
    }
  }
`);

export const AuditUsersDocument = graphql(`
  query AuditUsers {
    members { user { id email name } }
  }
`);
