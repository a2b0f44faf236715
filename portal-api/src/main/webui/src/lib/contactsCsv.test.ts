import { describe, expect, it } from "vitest";
import { errorsOnRows, parseContactsCsv, parseCsv } from "./contactsCsv";

describe("contacts CSV", () => {
  it("reads quoted fields with commas, quotes and line breaks", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n').records).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["two\nlines", "x", ""],
    ]);
    expect(parseCsv('a,"open\nb,c').unterminated).toBe(1);
  });

  it("gives each contact its row (the header is row 1) and skips blank lines", () => {
    const { contacts, rows, problems } = parseContactsCsv("\uFEFFName,Phones,Group\nAlice,1001;+41791234567,Sales\n\nBob, 1002 ,\n");
    expect(problems).toEqual([]);
    expect(contacts).toEqual([
      { name: "Alice", group: "Sales", phones: ["1001", "+41791234567"] },
      { name: "Bob", group: undefined, phones: ["1002"] },
    ]);
    expect(rows).toEqual([2, 4]);
  });

  it("names every bad row and what is wrong in it", () => {
    const { problems } = parseContactsCsv("name,group,phones\n,Sales,\nCarol,Sales\nDave,,1;2;3;4;5;6;7;8;9;10;11\n");
    expect(problems).toEqual([
      { row: 2, field: "name", code: "name" },
      { row: 2, field: "phones", code: "phones" },
      { row: 3, code: "columns", values: { count: 2, expected: 3 } },
      { row: 4, field: "phones", code: "tooManyPhones" },
    ]);
  });

  it("refuses a file without the columns it needs", () => {
    expect(parseContactsCsv("").problems[0].code).toBe("empty");
    expect(parseContactsCsv("name,number\nAlice,1").problems).toEqual([
      { row: 1, code: "header", values: { columns: "name,group,phones" } },
    ]);
    expect(parseContactsCsv('name,phones\n"Alice,1').problems[0]).toEqual({ row: 2, code: "quote" });
  });

  it("puts the API's errors on the rows they came from", () => {
    const errors = errorsOnRows(
      [
        { field: "[0].name", message: "is required" },
        { field: "[1].phones[0]", message: "digits only" },
        { field: "body", message: "at most 200000 contacts" },
      ],
      [2, 5],
    );
    expect(errors).toEqual([
      { field: "name", row: 2, message: "is required" },
      { field: "phones", row: 5, message: "digits only" },
      { field: "body", message: "at most 200000 contacts" },
    ]);
  });

  it("reads a defused formula cell of the API's export back as it was", () => {
    const csv = 'name,group,phones\r\n"\'=HYPERLINK(""x"")",\'@ops,\'+41791234567\r\n';
    expect(parseContactsCsv(csv).contacts).toEqual([{ name: '=HYPERLINK("x")', group: "@ops", phones: ["+41791234567"] }]);
  });

  it("imports what the API exports", () => {
    // ResourcesApiTest.theContactsExportAsCsvInChunksAndImportBackUnchanged pins the same lines on the server's side
    const csv = 'name,group,phones\r\n"Smith, Anna",Sales,1001;+41791234567\r\n"Say ""hi""",,1002\r\n\'=1+2,\'-ops,1003\r\n';
    expect(parseContactsCsv(csv).contacts).toEqual([
      { name: "Smith, Anna", group: "Sales", phones: ["1001", "+41791234567"] },
      { name: 'Say "hi"', group: undefined, phones: ["1002"] },
      { name: "=1+2", group: "-ops", phones: ["1003"] },
    ]);
  });
});
