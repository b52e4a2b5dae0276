---
to: src/app/api/<%= name %>/route.ts
---
<%
  const singular = h.inflection.singularize(name)
  const Type = h.changeCase.pascal(singular)
  const Plural = h.changeCase.pascal(name)
-%>
import {
  create<%= Type %>,
  list<%= Plural %>,
  parse<%= Type %>Input,
  parse<%= Type %>Query,
} from "@/lib/server/resources/<%= name %>";
import { jsonError, readJsonObject } from "@/lib/server/api-utils";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = parse<%= Type %>Query(url);
  if (query.ok === false) {
    return jsonError(400, "Invalid query parameters", query.errors);
  }
  return Response.json(await list<%= Plural %>(query.value));
}

export async function POST(request: Request) {
  const url = new URL(request.url);
  const body = await readJsonObject(request);
  if (body.ok === false) return body.response;
  const input = parse<%= Type %>Input(body.value);
  if (input.ok === false) return jsonError(400, "Invalid <%= singular %>", input.errors);
  const created = await create<%= Type %>(input.value);
  if (created.ok === false)
    return jsonError(created.status, created.error, created.fields);
  const <%= singular %> = created.value;
  const collection = url.pathname.replace(/\/$/, "");
  const location = `${collection}/${encodeURIComponent(<%= singular %>.id)}`;
  return Response.json(<%= singular %>, {
    status: 201,
    headers: { Location: location },
  });
}
