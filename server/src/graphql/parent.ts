import { createParameterDecorator } from "type-graphql";

/**
 * A field resolver's parent object, exactly as the parent field returned it. type-graphql's Root decorator copies a
 * plain parent into a new instance of the parameter's declared class on every call (a sessions page resolves 550
 * attendance clients, each with its own copy); the object types here have no methods or getters, so nothing needs
 * that instance, and resolvers never change their parent.
 */
export function Parent(): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(({ root }) => root);
}
