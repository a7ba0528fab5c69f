import { graphql } from "../__generated__";

export const AuditEventsDocument = graphql(`
  query AuditEvents($entityType: String, $entityId: ID, $first: Int, $after: String) {
    auditEvents(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at action entityType entityId changes actor { id email } } }
    }
  }
`);
