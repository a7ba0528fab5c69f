import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

function Placeholder() {
  return (
    <main>
      <h1>GroupBill</h1>
      <p>The admin console is on its way. The GraphQL API is served at <code>/graphql</code>.</p>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Placeholder />
  </StrictMode>,
);
