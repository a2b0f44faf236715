import { describe, expect, it } from "vitest";
import { ApiProblem, errorsByRow, problemOf } from "./problem";

describe("problem+json", () => {
  it("reads title, detail and field errors", async () => {
    const response = new Response(
      JSON.stringify({ title: "Invalid", status: 400, detail: "2 problems", errors: [{ field: "slug", message: "taken" }] }),
      { status: 400, headers: { "Content-Type": "application/problem+json" } },
    );
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.message).toBe("2 problems");
    expect(problem.fieldMessage("slug")).toBe("taken");
    expect(problem.fieldMessage("name")).toBeUndefined();
  });

  it("survives a body that is not JSON", async () => {
    const problem = await problemOf(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(problem.title).toBe("Bad Gateway");
    expect(problem.errors).toEqual([]);
  });

  it("groups CSV errors by row, in row order, with the field named", () => {
    const problem = new ApiProblem(400, "Invalid", undefined, [
      { row: 5, field: "model", message: "unknown model" },
      { row: 3, field: "mac", message: "not a MAC address" },
      { row: 5, field: "mac", message: "duplicate" },
      { message: "too many rows" },
    ]);
    expect(errorsByRow(problem)).toEqual([
      { row: 0, messages: ["too many rows"] },
      { row: 3, messages: ["mac: not a MAC address"] },
      { row: 5, messages: ["model: unknown model", "mac: duplicate"] },
    ]);
  });
});
