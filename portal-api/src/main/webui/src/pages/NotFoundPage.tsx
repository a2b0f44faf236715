import { ApiProblem } from "../api/problem";
import { Problem } from "../components/Problem";

export function NotFoundPage() {
  return <Problem error={new ApiProblem(404, "Not Found", undefined, [])} />;
}
