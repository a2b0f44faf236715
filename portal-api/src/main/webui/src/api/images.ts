import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { send } from "./client";
import { ApiProblem } from "./problem";

/**
 * A file the API serves to signed-in callers only (a logo, a wallpaper, a ringtone), as a blob: URL an <img> or
 * <audio> can use (neither can send the bearer token). Put what changes the file (a version) into the path so a new
 * one is fetched. The URL is revoked when the file changes or the component goes; `url` is null while loading and
 * when the API has no file there (404, not an error).
 */
export function useBlobUrl(path: string | null | undefined): { url: string | null; error: unknown } {
  const file = useQuery({
    queryKey: ["blob", path],
    queryFn: async () => {
      try {
        return await (await send(path!, {})).blob();
      } catch (e) {
        if (e instanceof ApiProblem && e.notFound) return null;
        throw e;
      }
    },
    enabled: !!path,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.data) {
      setUrl(null);
      return;
    }
    const objectUrl = URL.createObjectURL(file.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file.data]);
  return { url, error: file.error };
}
