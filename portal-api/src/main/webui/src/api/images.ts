import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { send } from "./client";
import { ApiProblem } from "./problem";

/**
 * An image the API serves to signed-in callers only, as a blob: URL an <img> can show (an <img> cannot send the
 * bearer token). The URL is revoked when the image changes or the component goes; null while loading, or when the
 * API has no image there (404).
 */
export function useImageUrl(path: string | null | undefined): string | null {
  const image = useQuery({
    queryKey: ["image", path],
    queryFn: async () => {
      try {
        return await (await send(path!, { headers: { Accept: "image/*" } })).blob();
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
    if (!image.data) {
      setUrl(null);
      return;
    }
    const objectUrl = URL.createObjectURL(image.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image.data]);
  return url;
}
