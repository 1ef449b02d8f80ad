// Validates every document of the given multi-document YAML files against the Kubernetes schemas of npm
// kubernetes-models (pinned in package.json / package-lock.json): types, required fields and enums, offline.
// Prints one "FAIL file: Kind/name: why" line per invalid document; exit 1 if any.
//   node deploy/schema/validate.mjs RENDERED.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    const doc = parsed.toJS();
    if (!doc) continue;
    const where = `${file}: ${doc.kind}/${doc.metadata?.name ?? "?"}`;
    // kubernetes-models lays its models out as <group>/<version>/<Kind>, the core group as v1/<Kind>.
    let model;
    try {
      model = (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind];
    } catch {
      console.log(`FAIL ${where}: no schema for apiVersion ${doc.apiVersion} kind ${doc.kind}`);
      failures++;
      continue;
    }
    try {
      new model(doc).validate();
      checked++;
    } catch (e) {
      console.log(`FAIL ${where}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`schema: ${checked} documents valid, ${failures} invalid`);
process.exit(failures ? 1 : 0);
