// The governance policy of the benchmarks that run with every rule on: datamesh:recommended and the
// rules it leaves off (bench/governance.mjs, bench/mesh.mjs --policy).
export const EVERY_RULE_POLICY = `kind: GovernancePolicy
apiVersion: v1
id: bench-every-rule
extends: datamesh:recommended
rules:
  servers/allowed:
    severity: error
    options: { types: [postgres, snowflake, bigquery, s3, kafka, databricks], environments: [prod, staging, dev] }
`;
