import { FieldResolver, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { permissionsOf } from "../../auth/roles.js";
import { Viewer } from "../types/account.type.js";

@Resolver(() => Viewer)
export class ViewerPermissionsResolver {
  // Served from the one role table the server enforces, so the console hides exactly what the server would refuse.
  @FieldResolver(() => [String], {
    description: "What the user may do in the active practice (permission names such as ReadClaims), from the role table the server enforces.",
  })
  permissions(@Parent() viewer: Viewer): string[] {
    return permissionsOf(viewer.role);
  }
}
