import { useState } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import type { PayerRulesInput } from "../__generated__/graphql";
import { PreviewPayerRulesDocument, SetPayerRulesDocument } from "./payers.documents";
import type { Impact } from "./impact-preview";

export type PreviewState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "done"; impact: Impact; key: string }
  | { status: "error"; error: unknown };

export interface PreviewRange {
  from: string;
  to: string;
}

/**
 * Preview first, then save: a change can be saved only once its impact has been previewed, and only while the
 * rules and range are still the ones previewed (`key`, what the preview was asked about, says which).
 */
export function useRulesPreview(payerId: string, key: string) {
  const client = useApolloClient();
  const [preview, setPreview] = useState<PreviewState>({ status: "idle" });
  const [save, saving] = useMutation(SetPayerRulesDocument);
  const previewIsCurrent = preview.status === "done" && preview.key === key;

  async function runPreview(rules: PayerRulesInput, range: PreviewRange) {
    saving.reset();
    setPreview({ status: "loading" });
    try {
      const { data } = await client.query({
        query: PreviewPayerRulesDocument,
        variables: { payerId, rules, from: range.from || null, to: range.to || null },
        fetchPolicy: "network-only",
      });
      if (data) setPreview({ status: "done", impact: data.previewPayerRules, key });
    } catch (error) {
      setPreview({ status: "error", error });
    }
  }

  /** Whether the version was saved; a refusal is in `saving.error`. */
  async function runSave(rules: PayerRulesInput): Promise<boolean> {
    if (!previewIsCurrent) return false;
    try {
      const { data } = await save({ variables: { payerId, rules } });
      if (!data) return false;
      setPreview({ status: "idle" });
      return true;
    } catch {
      return false;
    }
  }

  /** The last refusal, the preview's or the save's (a new preview clears the save's). */
  const error = preview.status === "error" ? preview.error : saving.error;
  return { preview, previewIsCurrent, runPreview, runSave, saving: saving.loading, error };
}
