/** A component that logs an error (React key warnings, Apollo cache misses, act() warnings) fails its test. */
let messages: string[] = [];
const original = { error: console.error, warn: console.warn };

beforeEach(() => {
  messages = [];
  console.error = (...args: unknown[]) => {
    messages.push(args.map(String).join(" "));
  };
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(" "));
  };
});

afterEach(() => {
  console.error = original.error;
  console.warn = original.warn;
  if (messages.length > 0) throw new Error(`The console logged:\n${messages.join("\n")}`);
});
