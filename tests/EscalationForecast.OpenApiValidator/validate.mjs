// Validates an OpenAPI document with an independent validator (@apidevtools/swagger-parser: the OpenAPI 3.x JSON
// Schema plus its own checks of references, parameters and operation ids). Prints "valid: <title> <version>" or the
// errors, and exits 1 when invalid.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).flatMap((item) => Object.keys(item)).length;
  console.log(`valid: ${api.info.title} (OpenAPI ${api.openapi}), ${Object.keys(api.paths).length} paths, ${operations} operations`);
} catch (error) {
  console.error(`invalid: ${error.message}`);
  for (const detail of error.details ?? []) console.error(JSON.stringify(detail));
  process.exit(1);
}
