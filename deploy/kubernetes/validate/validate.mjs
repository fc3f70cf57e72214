// Validates every Kubernetes manifest under the given directory (default: the parent, deploy/kubernetes) against
// the Kubernetes API's JSON schemas as packaged by kubernetes-models (ajv): kinds and API versions, required
// fields, types, enumerations and formats. These schemas allow unknown fields, so a misspelt optional field
// passes here; DeployManifestsTest checks the fields HealthFlow relies on (probes, strategy, variables, ports).
// Usage: node validate.mjs [dir]; prints one line per document; exit code 1 when any is invalid.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

const dir = resolve(process.argv[2] ?? "..");
const skipped = new Set(["kustomization.yaml"]); // a kustomize file, not an API object: checked by the Java test

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  try {
    const module = await import(`kubernetes-models/${group}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

let failures = 0;
let documents = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml") && !skipped.has(f)).sort()) {
  const text = readFileSync(join(dir, file), "utf8");
  for (const [index, doc] of parseAllDocuments(text).entries()) {
    const where = `${file}#${index + 1}`;
    if (doc.errors.length > 0) {
      console.log(`INVALID ${where}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object === null) continue;
    documents++;
    const Model = await modelFor(object.apiVersion ?? "", object.kind ?? "");
    if (!Model) {
      console.log(`INVALID ${where}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`valid ${where} ${object.kind}/${object.metadata?.name}`);
    } catch (error) {
      console.log(`INVALID ${where} ${object.kind}/${object.metadata?.name}: ${error.message}`);
      failures++;
    }
  }
}
console.log(`${documents} document(s), ${failures} invalid`);
process.exit(failures === 0 && documents > 0 ? 0 : 1);
