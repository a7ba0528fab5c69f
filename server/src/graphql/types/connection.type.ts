import { ClassType, Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Where a page of a list ends and whether more follows." })
export class PageInfo {
  @Field({ description: "Whether another page follows this one." }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." }) endCursor!: string | null;
}

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

/** Relay connection types for one node type, named `<Node>Connection` and `<Node>Edge`. */
export function connectionTypes<T extends object>(Node: ClassType<T>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`, { description: `One ${nodeName} in a page, with its cursor.` })
  class Edge {
    @Field({ description: "Pass as `after` to continue after this item." }) cursor!: string;
    @Field(() => Node, { description: `The ${nodeName}.` }) node!: T;
  }

  @ObjectType(`${nodeName}Connection`, { description: `A page of ${nodeName} items.` })
  class Connection {
    @Field(() => [Edge], { description: "The items of this page." }) edges!: Edge[];
    @Field(() => PageInfo, { description: "Paging state." }) pageInfo!: PageInfo;
    @Field(() => Int, { description: "How many items match, over all pages." }) totalCount!: number;
  }

  return { Edge, Connection };
}

export function toConnection<T>(page: { nodes: EdgeShape<T>[]; hasNextPage: boolean; totalCount: number }) {
  return {
    edges: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.length ? page.nodes[page.nodes.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}
