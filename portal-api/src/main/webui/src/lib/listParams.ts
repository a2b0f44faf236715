import { useSearchParams } from "react-router";

/**
 * A list page's filters and page number kept in the URL (so a filtered view is a link, and back/forward work):
 * `update` sets or clears filters and, unless it sets the page, goes back to the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };
  return { params, page: Number(params.get("page") ?? 0), update };
}
