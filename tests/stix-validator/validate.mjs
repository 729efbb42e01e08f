// Checks STIX 2.1 JSON against the official OASIS JSON schemas (draft 2020-12), independently of Cordon's own code.
//
//   node validate.mjs <schemas-dir> <file-or-dir>...
//
// Each file holds a STIX bundle, a TAXII envelope ({"objects": [...]}), a single STIX object, or (files ending in .jsonl)
// one of those per line. Directories are searched recursively for *.json and *.jsonl. Prints one JSON document:
//   {"files": N, "objects": N, "failures": [{"file", "id", "type", "errors": ["instancePath message", ...]}]}
// (JSON lines failures also carry "line"). Exit 0: no failures; 1: failures (malformed JSON is a failure of its file);
// 2: usage error, unreadable input or unusable schemas.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { domainToASCII } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";

// Cordon's own observable types: custom SCOs with no official schema, checked against the common SCO schema.
const CORDON_SCO_TYPES = new Set(["phone-number", "bank-account", "cryptocurrency-wallet", "payment-card"]);

// Types whose schema lives in common/ rather than sdos/, sros/ or observables/.
const COMMON_TYPES = ["marking-definition", "extension-definition", "language-content"];

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

class UsageError extends Error {}

function main(argv) {
  if (argv.length < 2) {
    throw new UsageError("usage: node validate.mjs <schemas-dir> <file-or-dir>...");
  }
  const [schemasDir, ...inputs] = argv;
  const { ajv, schemaIdOf } = loadSchemas(schemasDir);
  const validatorFor = cached((id) => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new UsageError(`schema ${id} did not compile`);
    return validate;
  });

  const files = inputs.flatMap(collectFiles);
  const result = { files: 0, objects: 0, failures: [] };

  const check = (schemaKey, value) => {
    const validate = validatorFor(schemaIdOf(schemaKey));
    return validate(value) ? [] : formatErrors(validate.errors);
  };

  const checkObject = (object, where) => {
    result.objects++;
    const errors = objectErrors(object, check);
    if (errors.length > 0) {
      result.failures.push({ ...where, id: stringOrNull(object?.id), type: stringOrNull(object?.type), errors });
    }
  };

  const checkDocument = (doc, where) => {
    if (isObject(doc) && doc.type === "bundle") {
      // The bundle schema checks the envelope; its errors about single objects are left to each object's own, more
      // exact schema below. (The bundle schema's item list also misses grouping, location, note, opinion, incident
      // and extension-definition, and its oneOf of core / cyber-observable-core rejects every such object, valid or not.)
      const errors = check("common/bundle", doc).filter((e) => !/^\/objects\/\d+(\/| )/.test(e));
      if (errors.length > 0) {
        result.failures.push({ ...where, id: stringOrNull(doc.id), type: "bundle", errors });
      }
      if (Array.isArray(doc.objects)) {
        for (const object of doc.objects) {
          if (isObject(object) && object.type === "bundle") {
            result.objects++;
            result.failures.push({ ...where, id: stringOrNull(object.id), type: "bundle", errors: ["/ a bundle must not contain a bundle"] });
          } else {
            checkObject(object, where);
          }
        }
      }
    } else if (isObject(doc) && !("type" in doc) && "objects" in doc) {
      // TAXII envelope
      if (!Array.isArray(doc.objects)) {
        result.failures.push({ ...where, id: null, type: null, errors: ["/objects must be array"] });
        return;
      }
      for (const object of doc.objects) checkObject(object, where);
    } else if (isObject(doc)) {
      checkObject(doc, where);
    } else {
      result.failures.push({
        ...where,
        id: null,
        type: null,
        errors: ["/ must be a STIX bundle, a TAXII envelope ({\"objects\": [...]}) or a STIX object"],
      });
    }
  };

  for (const file of files) {
    const text = readText(file);
    result.files++;
    if (file.endsWith(".jsonl")) {
      text.split(/\r?\n/).forEach((line, index) => {
        if (line.trim() === "") return;
        const where = { file, line: index + 1 };
        const parsed = parse(line);
        if (parsed.error) {
          result.failures.push({ ...where, id: null, type: null, errors: [`line ${index + 1}: malformed JSON: ${parsed.error}`] });
        } else {
          checkDocument(parsed.value, where);
        }
      });
    } else {
      const parsed = parse(text);
      if (parsed.error) {
        result.failures.push({ file, id: null, type: null, errors: [`malformed JSON: ${parsed.error}`] });
      } else {
        checkDocument(parsed.value, { file });
      }
    }
  }

  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  return result.failures.length === 0 ? 0 : 1;
}

/** Errors for one STIX object: its schema, then the rules JSON schema cannot say. */
function objectErrors(object, check) {
  if (!isObject(object)) return ["/ must be object"];
  if (typeof object.type !== "string") return ["/ must have required property 'type' (a string)"];
  const target = schemaFor(object);
  if (target.error) return [target.error];

  const errors = check(target.key, object);
  if (target.sco) {
    if ("spec_version" in object && object.spec_version !== "2.1") {
      errors.push(`/spec_version must be "2.1" (found ${JSON.stringify(object.spec_version)})`);
    }
  } else if (!("spec_version" in object)) {
    errors.push("/ must have required property 'spec_version'");
  } else if (object.spec_version !== "2.1") {
    errors.push(`/spec_version must be "2.1" (found ${JSON.stringify(object.spec_version)})`);
  }
  const order = compareTimestamps(object.created, object.modified);
  if (order !== null && order > 0) {
    errors.push(`/modified must not be earlier than created (created ${object.created}, modified ${object.modified})`);
  }
  return [...new Set(errors)];
}

let knownTypes = null; // type -> { key, sco }

function schemaFor(object) {
  const known = knownTypes.get(object.type);
  if (known) return known;
  const extensionTypes = isObject(object.extensions)
    ? Object.values(object.extensions).filter(isObject).map((e) => e.extension_type)
    : [];
  if (CORDON_SCO_TYPES.has(object.type) || extensionTypes.includes("new-sco")) {
    return { key: "common/cyber-observable-core", sco: true };
  }
  if (extensionTypes.includes("new-sdo") || extensionTypes.includes("new-sro")) {
    return { key: "common/core", sco: false };
  }
  return { error: `/type no schema for type ${object.type}` };
}

function loadSchemas(schemasDir) {
  let stat;
  try {
    stat = statSync(schemasDir);
  } catch (e) {
    throw new UsageError(`cannot read schemas folder ${schemasDir}: ${e.message}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${schemasDir} is not a folder`);

  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no idn-hostname (domain-name.json uses it): an internationalised name is valid when its
  // IDNA (punycode) form is a valid hostname.
  ajv.addFormat("idn-hostname", (value) => {
    const ascii = domainToASCII(value);
    return ascii !== "" && fullFormats.hostname.test(ascii);
  });
  const ids = new Map(); // "sdos/identity" -> $id
  for (const file of walk(schemasDir).filter((f) => f.endsWith(".json"))) {
    const key = relative(schemasDir, file).split(sep).join("/").replace(/\.json$/, "");
    let schema;
    try {
      schema = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new UsageError(`cannot read schema ${file}: ${e.message}`);
    }
    if (typeof schema.$id !== "string") throw new UsageError(`schema ${file} has no $id`);
    ajv.addSchema(schema, schema.$id);
    ids.set(key, schema.$id);
  }

  knownTypes = new Map();
  for (const key of ids.keys()) {
    const [folder, name] = key.split("/");
    if (folder === "sdos" || folder === "sros") knownTypes.set(name, { key, sco: false });
    if (folder === "observables") knownTypes.set(name, { key, sco: true });
  }
  for (const name of COMMON_TYPES) {
    if (ids.has(`common/${name}`)) knownTypes.set(name, { key: `common/${name}`, sco: false });
  }
  for (const needed of ["common/bundle", "common/core", "common/cyber-observable-core"]) {
    if (!ids.has(needed)) throw new UsageError(`${schemasDir} has no ${needed}.json`);
  }
  if (knownTypes.size === 0) throw new UsageError(`${schemasDir} has no sdos/, sros/ or observables/ schemas`);

  return { ajv, schemaIdOf: (key) => ids.get(key) };
}

function formatErrors(errors) {
  const lines = (errors ?? []).map((e) => {
    let line = `${e.instancePath || "/"} ${e.message}`;
    if (e.keyword === "additionalProperties") line += ` (${e.params.additionalProperty})`;
    else if (e.keyword === "enum") line += ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
    else if (e.keyword === "const") line += ` (${JSON.stringify(e.params.allowedValue)})`;
    return line;
  });
  return [...new Set(lines)];
}

/** Sign of created - modified for two STIX timestamps, or null when either is not one (the schema says so). */
function compareTimestamps(created, modified) {
  const c = typeof created === "string" && TIMESTAMP.exec(created);
  const m = typeof modified === "string" && TIMESTAMP.exec(modified);
  if (!c || !m) return null;
  if (c[1] !== m[1]) return c[1] < m[1] ? -1 : 1;
  const width = Math.max((c[2] ?? "").length, (m[2] ?? "").length);
  const cf = (c[2] ?? "").padEnd(width, "0");
  const mf = (m[2] ?? "").padEnd(width, "0");
  return cf === mf ? 0 : cf < mf ? -1 : 1;
}

function collectFiles(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e.message}`);
  }
  if (!stat.isDirectory()) return [path];
  return walk(path).filter((f) => f.endsWith(".json") || f.endsWith(".jsonl"));
}

function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read ${dir}: ${e.message}`);
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.isFile() ? [full] : [];
    });
}

function readText(file) {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

function parse(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: e.message };
  }
}

function cached(make) {
  const cache = new Map();
  return (key) => {
    if (!cache.has(key)) cache.set(key, make(key));
    return cache.get(key);
  };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stringOrNull(value) {
  return typeof value === "string" ? value : null;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) {
    process.stderr.write(`validate.mjs: ${e.stack ?? e}\n`);
  } else {
    process.stderr.write(`validate.mjs: ${e.message}\n`);
  }
  process.exitCode = 2;
}
